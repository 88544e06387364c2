package dev.nimbus.sandbox.pool;

import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.invoke.Invoker;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs invocations on instances, one invocation per instance at a time, with a pool per function
 * version and revision ({@link FunctionRevision#key()} and its revision id). A new {@code $LATEST} revision retires
 * the pools of older ones, and deleting a version retires its pool: their idle instances stop at
 * once and busy ones finish their invocation first, so an update drops nothing.
 *
 * <p>A function with reserved concurrency never runs more invocations at once, over all its
 * versions, than it reserved; beyond that, invocations are throttled at once (0 throttles all).
 *
 * <p>Threading: {@link #invoke} is called from many request threads; listener callbacks from the
 * control plane; {@link #reap} from one scheduler thread. Pools live in a concurrent map; the
 * latest known {@code $LATEST} revision per function decides whether a pool is retired.
 */
public final class InstancePool implements Invoker, FunctionListener, AutoCloseable {
    private final InstanceStarter starter;
    private final PoolConfig config;
    private final InstantSource clock;
    private final Map<String, RevisionPool> pools = new ConcurrentHashMap<>();
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    /** Per function name, for the function's lifetime: invocations count even without a reservation. */
    private final Map<String, ReservedConcurrency> reserved = new ConcurrentHashMap<>();
    private ScheduledExecutorService reaper;

    private InstancePool(InstanceStarter starter, PoolConfig config, InstantSource clock) {
        this.starter = starter;
        this.config = config;
        this.clock = clock;
    }

    /** A pool without a background reaper; call {@link #reap()} to stop idle instances. */
    public static InstancePool create(InstanceStarter starter, PoolConfig config, InstantSource clock) {
        return new InstancePool(starter, config, clock);
    }

    /** A pool that stops idle instances in the background, checking every quarter of the idle timeout (at most 5 s). */
    public static InstancePool startWithReaper(InstanceStarter starter, PoolConfig config, InstantSource clock) {
        var pool = new InstancePool(starter, config, clock);
        long period = Math.max(50, Math.min(5_000, config.idleTimeout().toMillis() / 4));
        pool.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nimbus-reaper").daemon(true).factory());
        pool.reaper.scheduleWithFixedDelay(pool::reap, period, period, TimeUnit.MILLISECONDS);
        return pool;
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        FunctionRevision revision = request.function();
        ReservedConcurrency running = reserved.computeIfAbsent(revision.name(),
                n -> new ReservedConcurrency(ReservedConcurrency.UNLIMITED));
        if (!running.tryAcquire()) {
            return new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded", 1);
        }
        try {
            RevisionPool pool = pools.computeIfAbsent(poolKey(revision), k -> newPool(revision));
            return pool.invoke(request);
        } finally {
            running.release();
        }
    }

    /**
     * The revision id makes the key unique even across a function deleted and created again, whose
     * new revision 1 must never run on the pool (and code) of the old one.
     */
    private static String poolKey(FunctionRevision revision) {
        return revision.key() + "@" + revision.revisionId();
    }

    private RevisionPool newPool(FunctionRevision revision) {
        var pool = new RevisionPool(revision, starter, config);
        if (revision.isLatest() && latest.merge(revision.name(), revision.revision(), Math::max) > revision.revision()) {
            pool.retire();
        }
        return pool;
    }

    @Override
    public void revisionActivated(FunctionRevision revision) {
        latest.merge(revision.name(), revision.revision(), Math::max);
        retireWhere(p -> p.isLatest() && p.name().equals(revision.name()) && p.revision() < revision.revision());
    }

    @Override
    public void versionDeleted(String name, String version) {
        retireWhere(p -> p.name().equals(name) && p.version().equals(version));
    }

    @Override
    public void functionDeleted(String name) {
        latest.remove(name);
        reserved.remove(name);
        retireWhere(p -> p.name().equals(name));
    }

    @Override
    public void reservedConcurrencyChanged(String name, Integer limit) {
        int max = limit == null ? ReservedConcurrency.UNLIMITED : limit;
        reserved.compute(name, (n, running) -> {
            if (running == null) {
                return new ReservedConcurrency(max);
            }
            running.resize(max);
            return running;
        });
    }

    @Override
    public void provisionedFloorsChanged(String name, Map<String, Integer> floorPerVersion) {
        // wired by the pool rewrite
    }

    private void retireWhere(Predicate<FunctionRevision> which) {
        pools.values().forEach(p -> {
            if (which.test(p.revision())) {
                p.retire();
            }
        });
    }

    /** Stops instances idle for longer than the idle timeout and forgets empty retired pools. */
    public void reap() {
        var idleSince = clock.instant().minus(config.idleTimeout());
        pools.values().forEach(p -> p.reap(idleSince));
        pools.values().removeIf(p -> p.isRetired() && p.isEmpty());
    }

    /** Kills every instance; in-flight invocations fail. */
    @Override
    public void close() {
        if (reaper != null) {
            reaper.shutdownNow();
        }
        pools.values().forEach(RevisionPool::killAll);
        pools.clear();
    }
}
