package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Relays connections made to a Unix socket to a TCP address on the host's loopback: how an
 * instance without a network reaches the platform services meant for functions. The socket is the
 * instance's alone (it sits in a directory only its sandbox sees); the services listener, shared by
 * all instances, identifies callers by their credentials.
 *
 * <p>Threading: a {@link SocketListener}; each connection is copied by two virtual threads, one
 * per direction. At most {@code maxConnections} are open at once.
 */
final class UnixRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnixRelay.class.getName());
    private static final int BUFFER = 64 * 1024;

    private final Supplier<InetSocketAddress> target;
    private SocketListener listener;

    private UnixRelay(Supplier<InetSocketAddress> target) {
        this.target = target;
    }

    /** Listens on {@code socket} (a new file) and relays each connection to {@code target}, looked up per connection. */
    static UnixRelay open(Path socket, Supplier<InetSocketAddress> target, int maxConnections) throws IOException {
        var relay = new UnixRelay(target);
        relay.listener = SocketListener.open(socket, maxConnections, relay::relay);
        return relay;
    }

    /** Relays until both sides have finished; the listener closes {@code inside}, which ends a copy still running. */
    private void relay(SocketChannel inside) {
        try (SocketChannel outside = SocketChannel.open(target.get())) {
            Thread back = Thread.ofVirtual().start(() -> copy(outside, inside));
            copy(inside, outside);
            back.join();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "relay: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            SocketListener.quietly(from);
            SocketListener.quietly(to);
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
