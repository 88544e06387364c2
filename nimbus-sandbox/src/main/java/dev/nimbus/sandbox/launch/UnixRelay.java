package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Relays connections made to a Unix socket to a TCP address on the host's loopback: how an
 * instance without a network reaches the platform services meant for functions. The socket is the
 * instance's alone (it sits in a directory only its sandbox sees); the services listener, shared by
 * all instances, identifies callers by their credentials.
 *
 * <p>Threading: one virtual thread accepts; each connection is copied by two virtual threads, one
 * per direction. At most {@code maxConnections} are open at once; more are closed on arrival, so a
 * function cannot make the server hold unbounded threads or descriptors.
 */
final class UnixRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnixRelay.class.getName());
    private static final int BUFFER = 64 * 1024;

    private final Path socket;
    private final Supplier<InetSocketAddress> target;
    private final int maxConnections;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    /** Connections made to the socket and not yet closed. */
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private UnixRelay(Path socket, Supplier<InetSocketAddress> target, int maxConnections, ServerSocketChannel server) {
        this.socket = socket;
        this.target = target;
        this.maxConnections = maxConnections;
        this.server = server;
    }

    /** Listens on {@code socket} (a new file) and relays each connection to {@code target}, looked up per connection. */
    static UnixRelay open(Path socket, Supplier<InetSocketAddress> target, int maxConnections) throws IOException {
        var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket), 16);
            // connecting needs write permission: the instance may run as another user
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        var relay = new UnixRelay(socket, target, maxConnections, server);
        Thread.ofVirtual().name("nimbus-relay-" + socket.getParent().getFileName()).start(relay::accept);
        return relay;
    }

    private void accept() {
        while (!closed) {
            SocketChannel inside;
            try {
                inside = server.accept();
            } catch (java.nio.channels.ClosedChannelException e) {
                return;
            } catch (IOException e) { // e.g. out of descriptors for a while: keep the instance's way out
                LOG.log(System.Logger.Level.WARNING, "relay " + socket + " cannot accept: " + e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (connections.incrementAndGet() > maxConnections) {
                connections.decrementAndGet();
                quietly(inside);
                continue;
            }
            open.add(inside);
            Thread.ofVirtual().start(() -> relay(inside));
        }
    }

    private void relay(SocketChannel inside) {
        SocketChannel outside = null;
        try {
            outside = SocketChannel.open(target.get());
            open.add(outside);
            if (closed) {
                return;
            }
            SocketChannel host = outside;
            Thread back = Thread.ofVirtual().start(() -> copy(host, inside));
            copy(inside, outside);
            back.join();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "relay " + socket + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            quietly(inside);
            open.remove(inside);
            connections.decrementAndGet();
            if (outside != null) {
                quietly(outside);
                open.remove(outside);
            }
        }
    }

    /** Copies until end of stream, then half-closes {@code to}; an error closes both ends. */
    private static void copy(SocketChannel from, SocketChannel to) {
        var buffer = ByteBuffer.allocate(BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            quietly(from);
            quietly(to);
        }
    }

    private static void quietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(UnixRelay::quietly);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove " + socket + ": " + e.getMessage());
        }
    }
}
