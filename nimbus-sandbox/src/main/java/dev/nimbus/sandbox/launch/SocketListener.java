package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A listening socket of one instance (its Runtime API, its relay to the services listener): each
 * connection is served by {@code serve} on a virtual thread of its own and closed when that
 * returns. At most {@code maxConnections} are open at once; more are closed on arrival, so a
 * function cannot make the server hold unbounded threads or descriptors. An error while accepting
 * (e.g. out of descriptors for a while) pauses the loop instead of ending it.
 *
 * <p>Threading: one virtual thread accepts; {@link #close} may be called from any thread, more than once.
 */
public final class SocketListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketListener.class.getName());

    private final ServerSocketChannel server;
    private final Path socket;
    private final int maxConnections;
    private final Consumer<SocketChannel> serve;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SocketListener(ServerSocketChannel server, Path socket, int maxConnections, Consumer<SocketChannel> serve) {
        this.server = server;
        this.socket = socket;
        this.maxConnections = maxConnections;
        this.serve = serve;
    }

    /**
     * Listens on the Unix socket {@code socket} (a new file, which any user may connect to: the
     * instance may run as another; its directory decides who sees it), or on a port of the host's
     * loopback when {@code socket} is null.
     */
    public static SocketListener open(Path socket, int maxConnections, Consumer<SocketChannel> serve) throws IOException {
        ServerSocketChannel server = socket != null ? ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                : ServerSocketChannel.open();
        try {
            if (socket != null) {
                server.bind(UnixDomainSocketAddress.of(socket), maxConnections);
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            } else {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), maxConnections);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        var listener = new SocketListener(server, socket, maxConnections, serve);
        Thread.ofVirtual().name("nimbus-listener").start(listener::accept);
        return listener;
    }

    /** Where it listens on the host's loopback, or null on a Unix socket. */
    public InetSocketAddress address() {
        try {
            return socket == null ? (InetSocketAddress) server.getLocalAddress() : null;
        } catch (IOException e) {
            throw new IllegalStateException("a bound channel has an address", e);
        }
    }

    private void accept() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot accept on " + (socket != null ? socket : "a loopback port")
                        + ": " + e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (closed || open.size() >= maxConnections) {
                quietly(channel);
                continue;
            }
            open.add(channel);
            Thread.ofVirtual().start(() -> {
                try {
                    serve.accept(channel);
                } finally {
                    quietly(channel);
                    open.remove(channel);
                }
            });
        }
    }

    /** Closes {@code channel}, ignoring that it may be closed already. */
    public static void quietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting, closes every connection (which wakes whoever waits on one) and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(SocketListener::quietly);
        if (socket != null) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove " + socket + ": " + e.getMessage());
            }
        }
    }
}
