package dev.nimbus.gateway.lambda;

import dev.nimbus.core.invoke.InvocationRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code Event} invocations not yet finished, bounded by their number and by the sum of their
 * payload sizes: with 1,000 and 64 MB, a thousand 1 KB events fit, but only 64 of the largest
 * (1 MB) ones. A full queue refuses at once rather than making the caller wait.
 *
 * <p>An invocation holds its place from {@link #offer} until {@link #release}: while it waits,
 * while it runs and while it waits for a retry after a throttle. {@link #requeue} puts a due retry
 * back without checking the limits again, since it never gave its place up; so retries can never
 * make the server hold more than the limits allow.
 *
 * <p>Threading: request threads {@link #offer}, the asynchronous invokers {@link #take} and
 * {@link #release}, the retry scheduler {@link #requeue}; one lock guards the deque and the counts.
 */
final class AsyncQueue {
    private final int maxCount;
    private final long maxBytes;
    private final ArrayDeque<Queued> ready = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int held;
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
        Queued retried() {
            return new Queued(request, firstQueued, attempts + 1);
        }
    }

    /** Queues {@code queued}, which holds its place until released; false if the queue is full. */
    boolean offer(Queued queued) {
        int size = queued.request().payload().length;
        lock.lock();
        try {
            if (held >= maxCount || bytes + size > maxBytes) {
                return false;
            }
            held++;
            bytes += size;
            ready.addLast(queued);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Puts back an invocation that still holds its place (a due retry); never refused. */
    void requeue(Queued queued) {
        lock.lock();
        try {
            ready.addLast(queued);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest invocation ready to run; blocks until there is one. It keeps its place. */
    Queued take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (ready.isEmpty()) {
                notEmpty.await();
            }
            return ready.removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Gives up the place of an invocation that is done: it ran, failed or was given up. */
    void release(Queued queued) {
        lock.lock();
        try {
            held--;
            bytes -= queued.request().payload().length;
        } finally {
            lock.unlock();
        }
    }
}
