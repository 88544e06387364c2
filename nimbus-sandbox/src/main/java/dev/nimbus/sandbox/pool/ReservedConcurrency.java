package dev.nimbus.sandbox.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The invocations of one function running at once over all its versions, and its reserved
 * concurrency: at most {@code limit} of them ({@link #UNLIMITED} without a reservation). One
 * counter lives as long as the function, so it keeps counting while a reservation is set, changed
 * or cleared: with 3 running and a new limit of 2, no invocation starts until 2 have finished.
 * Running ones are never interrupted.
 *
 * <p>Threading: lock-free; any thread.
 */
final class ReservedConcurrency {
    static final int UNLIMITED = Integer.MAX_VALUE;

    private final AtomicInteger running = new AtomicInteger();
    private volatile int limit;

    ReservedConcurrency(int limit) {
        this.limit = limit;
    }

    void resize(int newLimit) {
        limit = newLimit;
    }

    boolean tryAcquire() {
        while (true) {
            int now = running.get();
            if (now >= limit) {
                return false;
            }
            if (running.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        running.decrementAndGet();
    }
}
