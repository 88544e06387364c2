package dev.nimbus.store.logs;

import dev.nimbus.core.logs.LogRecord;
import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@code follow} registration: a bounded buffer drained into the listener by a virtual thread
 * of its own, so the appender never waits for a listener.
 *
 * <p>Threading: {@link #offer} is called by appenders holding their {@link FunctionLog}'s lock,
 * which also guards {@link #skipped}; it never blocks. When the buffer is full the record is
 * skipped and counted; once two slots are free again, a notice with the count goes in ahead of the
 * next record, so the listener sees where the gap was (e.g. buffer 1024, listener stalls while
 * 1030 records arrive: it gets 1024, a notice "6 log lines skipped", then what comes next). The
 * listener runs only on this follower's thread; if it throws, the follower stops and unregisters.
 * {@link #close} may be called from any thread, more than once.
 */
final class Follower implements AutoCloseable {
    static final int DEFAULT_CAPACITY = 1024;
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("nimbus-log-follow-", 0).factory();

    private final BlockingQueue<LogRecord> buffer;
    private final Consumer<LogRecord> listener;
    private final InstantSource clock;
    private final Consumer<Follower> unregister;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long skipped;

    Follower(Consumer<LogRecord> listener, int capacity, InstantSource clock, Consumer<Follower> unregister) {
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.listener = listener;
        this.clock = clock;
        this.unregister = unregister;
        this.thread = THREADS.newThread(this::run);
    }

    void start() {
        thread.start();
    }

    void offer(LogRecord record) {
        if (skipped > 0) {
            if (buffer.remainingCapacity() < 2) {
                skipped++;
                return;
            }
            buffer.add(skippedNotice(record, skipped, clock));
            skipped = 0;
        }
        if (!buffer.offer(record)) {
            skipped++;
        }
    }

    static LogRecord skippedNotice(LogRecord next, long count, InstantSource clock) {
        return new LogRecord(clock.instant(), next.function(), next.revision(), "",
                "[nimbus] " + count + " log lines skipped: this follower fell behind");
    }

    private void run() {
        try {
            while (!closed.get()) {
                listener.accept(buffer.take());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            // A broken listener is dropped; the appender and the other followers go on.
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            unregister.accept(this);
            thread.interrupt();
        }
    }

    /** Waits until the delivery thread has ended (after {@link #close} or a failed listener). */
    void awaitStopped() throws InterruptedException {
        thread.join();
    }
}
