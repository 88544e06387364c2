package dev.nimbus.sandbox.pool;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.instance.Instance;
import dev.nimbus.sandbox.instance.InstanceState;
import dev.nimbus.sandbox.launch.RuntimeCommands;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one function revision.
 *
 * <p>Each invocation holds one of {@code concurrency} permits while it runs, so a revision never
 * has more than {@code concurrency} busy instances: with a limit of 100, the 101st concurrent
 * request waits (at most {@code queueTimeout}, at most {@code queueDepth} waiters) for a permit,
 * then is throttled. Holding a permit, it takes the most recently used idle instance (warmest) or
 * starts a new one.
 *
 * <p>Threading: request threads call {@link #invoke}; the reaper calls {@link #reap}; the listener
 * calls {@link #retire}. The idle deque and instance set are concurrent; removal from the idle deque
 * is the single point where an idle instance is claimed, so the reaper and a request never both
 * take the same instance.
 */
final class RevisionPool {
    private static final System.Logger LOG = System.getLogger(RevisionPool.class.getName());

    private final FunctionRevision revision;
    private final InstanceStarter starter;
    private final PoolConfig config;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ConcurrentLinkedDeque<Instance> idle = new ConcurrentLinkedDeque<>();
    private final Set<Instance> all = ConcurrentHashMap.newKeySet();
    private volatile boolean retired;

    RevisionPool(FunctionRevision revision, InstanceStarter starter, PoolConfig config) {
        this.revision = revision;
        this.starter = starter;
        this.config = config;
        this.permits = new Semaphore(revision.config().concurrency(), true);
    }

    FunctionRevision revision() {
        return revision;
    }

    InvocationResult invoke(InvocationRequest request) {
        if (!acquire()) {
            return new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded", 1);
        }
        try {
            Instance instance = idle.pollFirst();
            if (instance == null) {
                try {
                    instance = starter.start(revision);
                } catch (RuntimeCommands.MissingEntrypointException e) {
                    return new InvocationResult.InitError("Runtime.InvalidEntrypoint",
                            InvocationResult.errorDocument("Runtime.InvalidEntrypoint", e.getMessage()));
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot start an instance of " + revision.key(), e);
                    return new InvocationResult.PlatformError("Nimbus could not start an instance of the function");
                }
                all.add(instance);
            }
            InvocationResult result = instance.invoke(request, config.initTimeout());
            release(instance);
            return result;
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        if (permits.tryAcquire()) {
            return true;
        }
        if (waiting.incrementAndGet() > config.queueDepth()) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return permits.tryAcquire(config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void release(Instance instance) {
        if (instance.state() != InstanceState.IDLE) {
            all.remove(instance);
            return;
        }
        idle.addFirst(instance);
        if (retired && idle.remove(instance)) {
            stop(instance);
        }
    }

    /** Stops instances idle since before {@code idleSince}, oldest first. */
    void reap(Instant idleSince) {
        for (Iterator<Instance> it = idle.descendingIterator(); it.hasNext(); ) {
            Instance instance = it.next();
            if (instance.lastUsed().isBefore(idleSince) && idle.remove(instance)) {
                stop(instance);
            }
        }
        all.removeIf(i -> i.state().isTerminal());
    }

    /** No new work goes here: idle instances stop now, busy ones after their invocation. */
    void retire() {
        retired = true;
        for (Instance instance; (instance = idle.pollLast()) != null; ) {
            stop(instance);
        }
        all.forEach(Instance::drain);
    }

    boolean isRetired() {
        return retired;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Invocations waiting for capacity right now. */
    int waiting() {
        return waiting.get();
    }

    void killAll() {
        retired = true;
        idle.clear();
        all.forEach(i -> i.kill(InstanceState.STOPPED));
        all.clear();
    }

    private void stop(Instance instance) {
        instance.drain();
        all.remove(instance);
    }
}
