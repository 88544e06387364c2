package dev.nimbus.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.media.ReadableEntity;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Disconnects clients that send a request too slowly (slowloris): its headers must arrive within
 * {@code headers} of its first line, its body within {@code body} of its headers.
 *
 * <p>Why not Helidon's options: its socket read timeout ({@code connectionOptions.readTimeout}) is
 * applied only by its client, never to accepted connections, and its idle-connection timeout only
 * interrupts a connection waiting for a request's first line; once that line is read, a request left
 * half-sent holds its connection for ever. That idle timeout still covers the first line (the
 * server sets it to {@code headers}); this class covers the rest.
 *
 * <p>How: Helidon reads a connection on one virtual thread, which also runs the request's handler.
 * The first line and the headers are reported to an {@link Http1ConnectionListener} on that thread;
 * a request with a body passes through a {@link Filter} on it. Each arms a deadline for the thread;
 * a watchdog interrupts the thread once its deadline has passed, and interrupting a virtual thread
 * blocked in a socket read closes the socket. A body deadline ends as soon as the body has been
 * read to its end, so a long invocation after it is never cut. A response sent before its request's
 * body was read closes the connection rather than let Helidon read the rest without a deadline.
 *
 * <p>Threading: connection threads arm and disarm their own deadline; the watchdog thread reads the
 * map and interrupts. A deadline's lock makes "disarm" and "interrupt" exclusive, so a thread is
 * never interrupted after it disarmed in time.
 */
public final class ReadDeadlines implements AutoCloseable {
    private final long headersNanos;
    private final long bodyNanos;
    private final ConcurrentHashMap<Thread, Deadline> armed = new ConcurrentHashMap<>();
    private final Thread watchdog;
    private volatile boolean closed;

    /** A thread's deadline; {@code body} is the entity whose end disarms it, null while reading headers. */
    private static final class Deadline {
        final Thread thread;
        final long at;
        final ReadableEntity body;
        boolean done;

        Deadline(Thread thread, long at, ReadableEntity body) {
            this.thread = thread;
            this.at = at;
            this.body = body;
        }
    }

    private ReadDeadlines(Duration headers, Duration body) {
        this.headersNanos = headers.toNanos();
        this.bodyNanos = body.toNanos();
        long tick = Math.clamp(Math.min(headersNanos, bodyNanos) / 10, 10_000_000L, 1_000_000_000L);
        this.watchdog = Thread.ofPlatform().name("nimbus-read-deadlines").daemon(true).unstarted(() -> watch(tick));
    }

    /** Starts the watchdog. */
    public static ReadDeadlines start(Duration headers, Duration body) {
        var deadlines = new ReadDeadlines(headers, body);
        deadlines.watchdog.start();
        return deadlines;
    }

    /** Arms the headers deadline when a request's first line has been read; disarms it once its headers have. */
    public Http1ConnectionListener listener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                Thread t = Thread.currentThread();
                armed.put(t, new Deadline(t, System.nanoTime() + headersNanos, null));
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                disarm(armed.remove(Thread.currentThread()));
            }
        };
    }

    /** Arms the body deadline of a request with a body, for as long as its handler runs. */
    public Filter filter() {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            ReadableEntity body = req.content();
            if (!body.hasEntity()) {
                chain.proceed();
                return;
            }
            res.beforeSend(() -> {
                if (!body.consumed()) {
                    res.header(HeaderValues.CONNECTION_CLOSE);
                }
            });
            Thread t = Thread.currentThread();
            var deadline = new Deadline(t, System.nanoTime() + bodyNanos, body);
            armed.put(t, deadline);
            try {
                chain.proceed();
            } finally {
                armed.remove(t, deadline);
                disarm(deadline);
            }
        };
    }

    private static void disarm(Deadline deadline) {
        if (deadline != null) {
            synchronized (deadline) {
                deadline.done = true;
            }
        }
    }

    private void watch(long tickNanos) {
        while (!closed) {
            long now = System.nanoTime();
            for (Deadline d : armed.values()) {
                if (now - d.at > 0 && (d.body == null || !d.body.consumed())) {
                    expire(d);
                }
            }
            LockSupport.parkNanos(tickNanos);
        }
    }

    private void expire(Deadline d) {
        armed.remove(d.thread, d);
        synchronized (d) {
            if (!d.done) {
                d.done = true;
                d.thread.interrupt();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
    }
}
