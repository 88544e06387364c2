package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The way one instance reaches the platform. Without a network of its own it shares the host's and
 * is given loopback addresses. With one (the default under bubblewrap), it has only a loopback
 * interface, and a directory of its own, seen at {@link #MOUNT}, holds two Unix sockets the server
 * relays: {@code api.sock} to the instance's Runtime API, {@code services.sock} to the listener of
 * services meant for functions. Inside the sandbox, relays on 127.0.0.1 ports
 * {@link #RUNTIME_API_PORT} and {@link #SERVICES_PORT} lead to them, for runtimes and SDKs that
 * speak TCP.
 */
public final class InstanceNetwork implements AutoCloseable {
    /** Where the instance sees its socket directory. */
    static final String MOUNT = "/run/nimbus";
    /** Loopback port of the Runtime API inside the sandbox, as in Lambda. */
    static final int RUNTIME_API_PORT = 9001;
    /** Loopback port of the services for functions inside the sandbox. */
    static final int SERVICES_PORT = 9002;

    private final Endpoints endpoints;
    private final Path dir;
    private final List<UnixRelay> relays;
    /** Where {@code api.sock} leads: the instance's Runtime API, once known. */
    private final AtomicReference<InetSocketAddress> runtimeApi;
    /** The instance's NAT to the internet ({@link Egress}), or null. */
    private volatile Process nat;

    private InstanceNetwork(Endpoints endpoints, Path dir, List<UnixRelay> relays,
                            AtomicReference<InetSocketAddress> runtimeApi) {
        this.endpoints = endpoints;
        this.dir = dir;
        this.relays = relays;
        this.runtimeApi = runtimeApi;
    }

    /** An instance on the host's network. */
    static InstanceNetwork shared(Endpoints endpoints) {
        return new InstanceNetwork(endpoints, null, List.of(), new AtomicReference<>());
    }

    /**
     * An instance with a network of its own, reaching the platform through the sockets in {@code
     * dir}; its {@code api.sock} relay leads to {@code runtimeApi}, set by {@link #relayRuntimeApiTo}.
     */
    static InstanceNetwork isolated(Path dir, List<UnixRelay> relays, AtomicReference<InetSocketAddress> runtimeApi) {
        return new InstanceNetwork(new Endpoints("127.0.0.1:" + RUNTIME_API_PORT, MOUNT + "/api.sock",
                "http://127.0.0.1:" + SERVICES_PORT), dir, List.copyOf(relays), runtimeApi);
    }

    /** Makes {@code api.sock} lead to {@code address}, the instance's Runtime API on the host's loopback. */
    void relayRuntimeApiTo(InetSocketAddress address) {
        runtimeApi.set(address);
    }

    /** The addresses the instance is told. */
    public Endpoints endpoints() {
        return endpoints;
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
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                System.getLogger(InstanceNetwork.class.getName()).log(System.Logger.Level.DEBUG,
                        "cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }
}
