package dev.nimbus.gateway.lambda;

import dev.nimbus.core.invoke.InvocationRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code Event} invocations waiting to run, first in first out, bounded by their number and by the
 * sum of their payload sizes: with 1,000 and 64 MB, a thousand 1 KB events fit, but only 64 of the
 * largest (1 MB) ones. A full queue refuses at once rather than making the caller wait.
 *
 * <p>Threading: request threads {@link #offer}, the asynchronous invokers {@link #take}; one lock
 * guards the deque and the byte count.
 */
final class AsyncQueue {
    private final int maxCount;
    private final long maxBytes;
    private final ArrayDeque<Queued> waiting = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;

    AsyncQueue(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /**
     * An invocation in the queue.
     *
     * @param firstQueued when it was first accepted
     * @param attempts    how often it was throttled so far
     */
    record Queued(InvocationRequest request, Instant firstQueued, int attempts) {
    }

    /** Queues {@code queued}; false if the queue is full. */
    boolean offer(Queued queued) {
        int size = queued.request().payload().length;
        lock.lock();
        try {
            if (waiting.size() >= maxCount || bytes + size > maxBytes) {
                return false;
            }
            waiting.addLast(queued);
            bytes += size;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest waiting invocation; blocks until there is one. */
    Queued take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (waiting.isEmpty()) {
                notEmpty.await();
            }
            Queued next = waiting.removeFirst();
            bytes -= next.request().payload().length;
            return next;
        } finally {
            lock.unlock();
        }
    }
}
