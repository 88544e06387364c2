package dev.nimbus.sandbox.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function's reserved concurrency: at most {@code limit} invocations at once over all its
 * versions. The limit can change while invocations run; running ones are never interrupted, a
 * lowered limit only refuses new ones until enough have finished.
 *
 * <p>Threading: lock-free; any thread.
 */
final class ReservedConcurrency {
    private final AtomicInteger running = new AtomicInteger();
    private volatile int limit;

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
