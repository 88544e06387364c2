package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The way one instance reaches the platform. Without a network of its own it shares the host's and
 * is given loopback addresses. With one (the default under bubblewrap), it has only a loopback
 * interface, and a directory of its own, seen at {@link #MOUNT}, holds two Unix sockets: {@code
 * api.sock}, where its Runtime API listens, and {@code services.sock}, which the server relays to
 * the listener of services meant for functions. Inside the sandbox, socat relays on 127.0.0.1
 * ports {@link #SERVICES_PORT} and (for runtimes that only speak TCP) {@link #RUNTIME_API_PORT}
 * lead to them.
 */
public final class InstanceNetwork implements AutoCloseable {
    /** Where the instance sees its socket directory. */
    static final String MOUNT = "/run/nimbus";
    /** Loopback port of the Runtime API inside the sandbox, as in Lambda. */
    static final int RUNTIME_API_PORT = 9001;
    /** Loopback port of the services for functions inside the sandbox. */
    static final int SERVICES_PORT = 9002;

    private final Path dir;
    private final List<UnixRelay> relays;
    private final IntSupplier servicesPort;
    /** The instance's NAT to the internet ({@link Egress}), or null. */
    private volatile Process nat;

    private InstanceNetwork(Path dir, List<UnixRelay> relays, IntSupplier servicesPort) {
        this.dir = dir;
        this.relays = relays;
        this.servicesPort = servicesPort;
    }

    /** An instance on the host's network, reaching the services listener at loopback port {@code servicesPort}. */
    static InstanceNetwork shared(IntSupplier servicesPort) {
        return new InstanceNetwork(null, List.of(), servicesPort);
    }

    /** An instance with a network of its own, reaching the platform through the sockets in {@code dir}. */
    static InstanceNetwork isolated(Path dir, List<UnixRelay> relays) {
        return new InstanceNetwork(dir, List.copyOf(relays), () -> SERVICES_PORT);
    }

    /** Where the instance's Runtime API must listen: a Unix socket on the host, or null for a loopback port. */
    public Path runtimeApiSocket() {
        return dir == null ? null : dir.resolve("api.sock");
    }

    /** The addresses the instance is told, its Runtime API listening at {@code runtimeApi} when on a loopback port. */
    public Endpoints endpoints(InetSocketAddress runtimeApi) {
        if (dir == null) {
            return new Endpoints("127.0.0.1:" + runtimeApi.getPort(), null, "http://127.0.0.1:" + servicesPort.getAsInt());
        }
        return new Endpoints("127.0.0.1:" + RUNTIME_API_PORT, MOUNT + "/api.sock", "http://127.0.0.1:" + SERVICES_PORT);
    }

    /** The host directory holding the instance's sockets, or null when it shares the host's network. */
    Path dir() {
        return dir;
    }

    /** Makes {@code process} (the instance's NAT) end with the instance. */
    void carry(Process process) {
        nat = process;
    }

    /** Stops relaying and the NAT, and removes the socket directory. */
    @Override
    public void close() {
        relays.forEach(UnixRelay::close);
        Process p = nat;
        if (p != null) {
            p.destroyForcibly();
        }
        if (dir != null) {
            try {
                Spawner.deleteTree(dir);
            } catch (IOException e) {
                System.getLogger(InstanceNetwork.class.getName()).log(System.Logger.Level.DEBUG,
                        "cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }
}
