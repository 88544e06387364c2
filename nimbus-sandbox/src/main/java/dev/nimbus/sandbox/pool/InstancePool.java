package dev.nimbus.sandbox.pool;

import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.sandbox.instance.Instance;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs invocations on instances, one invocation per instance at a time, with a {@link RevisionPool}
 * per function version and revision ({@link FunctionRevision#key()} and its revision id). A new
 * {@code $LATEST} revision retires the pools of older ones, and deleting a version retires its
 * pool: their idle instances stop at once and busy ones finish their invocation first, so an
 * update drops nothing.
 *
 * <p>A function with reserved concurrency never runs more invocations at once, over all its
 * versions, than it reserved; beyond that, invocations are throttled at once (0 throttles all).
 * The node runs at most {@link PoolConfig#maxInstances()} instances and {@link
 * PoolConfig#maxMemoryMb()} of declared memory; a start beyond that first stops the least
 * recently used idle instance of another pool, and fails when there is none. Functions sharing a
 * group ({@link InstanceGroups}, their namespace) run at most the group's current maximum of
 * instances at once, starting ones included, whoever starts them (invocations, the autoscaler, a
 * provisioned floor, a rollout); a start beyond it first stops the least recently used idle
 * instance of another pool of the same group, and fails when there is none. A failed start
 * throttles the invocations waiting for it, saying which limit was reached.
 *
 * <p>Threading: {@link #invoke} is called from many request threads; listener callbacks from the
 * control plane; {@link #pools} and {@link #forgetRetired} from the autoscaler. Pools live in a
 * concurrent map; instances are started on a pool of platform threads (a spawn blocks in native
 * code, which would pin a virtual thread's carrier). {@link NodeCapacity} counts node and group
 * room under one monitor; {@link InstanceGroups} is asked outside it.
 */
public final class InstancePool implements Invoker, FunctionListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InstancePool.class.getName());
    /** Why a start was refused when the node is full; names no setting and no count. */
    static final String NODE_FULL = "This Nimbus node has no capacity for another instance; retry later";
    static final String QUOTA_UNKNOWN = "Nimbus could not read the instance quota of this function";
    private final InstanceStarter starter;
    private final PoolConfig config;
    private final InvocationRecords records;
    private final InstantSource clock;
    private final NodeCapacity capacity;
    private final ExecutorService startThreads = Executors.newFixedThreadPool(
            Math.max(2, java.lang.Runtime.getRuntime().availableProcessors() * 2),
            Thread.ofPlatform().name("nimbus-start-", 0).daemon(true).factory());
    private final Map<String, RevisionPool> pools = new ConcurrentHashMap<>();
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    /** Per function name, for the function's lifetime: invocations count even without a reservation. */
    private final Map<String, ReservedConcurrency> reserved = new ConcurrentHashMap<>();
    /** Provisioned instances per function and version, also for pools not created yet. */
    private final Map<String, Map<String, Integer>> floors = new ConcurrentHashMap<>();
    private volatile Consumer<RevisionPool> demand = p -> { };
    private volatile BiFunction<String, String, Optional<FunctionRevision>> versions = (n, v) -> Optional.empty();
    private volatile InstanceGroups groups = InstanceGroups.NONE;

    private InstancePool(InstanceStarter starter, PoolConfig config, InvocationRecords records, InstantSource clock) {
        this.starter = starter;
        this.config = config;
        this.records = records;
        this.clock = clock;
        this.capacity = new NodeCapacity(config.maxInstances(), config.maxMemoryMb());
    }

    public static InstancePool create(InstanceStarter starter, PoolConfig config, InvocationRecords records,
                                      InstantSource clock) {
        return new InstancePool(starter, config, records, clock);
    }

    /** Told when an invocation found no free instance (the autoscaler's poke). */
    public void onDemand(Consumer<RevisionPool> listener) {
        demand = listener;
    }

    /**
     * How a provisioned floor on a version finds that version's revision; floors told before (the
     * control plane replays them as it starts) are applied now.
     */
    public void resolveVersionsWith(BiFunction<String, String, Optional<FunctionRevision>> resolver) {
        versions = resolver;
        floors.forEach(this::applyFloors);
    }

    /**
     * Which functions share an instance quota, and how large it is; {@link InstanceGroups#NONE}
     * until told. Tell it before the first start: an instance started earlier stays counted in the
     * group it started in until it ends.
     */
    public void groupWith(InstanceGroups instanceGroups) {
        groups = Objects.requireNonNull(instanceGroups, "instanceGroups");
    }

    /**
     * Starts the instances a revision keeps at least ({@code minInstances}) at once, rather than at the
     * autoscaler's first look at a pool that does not exist yet. For functions known at start.
     */
    public void keepMinimum(FunctionRevision revision) {
        if (revision.config().scaling().minInstances() > 0) {
            RevisionPool p = pool(revision);
            startThreads.execute(() -> p.scaleTo(revision.config().scaling().minInstances()));
        }
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        FunctionRevision revision = request.function();
        ReservedConcurrency running = reserved.computeIfAbsent(revision.name(),
                n -> new ReservedConcurrency(ReservedConcurrency.UNLIMITED));
        if (!running.tryAcquire()) {
            return new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded",
                    "The reserved concurrency of " + revision.name() + " is in use", 1);
        }
        try {
            return pool(revision).invoke(request);
        } finally {
            running.release();
        }
    }

    /** The pool of {@code revision}, created (with its provisioned floor) if it did not exist. */
    public RevisionPool pool(FunctionRevision revision) {
        RevisionPool existing = pools.get(poolKey(revision));
        return existing != null ? existing : pools.computeIfAbsent(poolKey(revision), k -> newPool(revision));
    }

    /** Every pool, retired ones included until they are done. */
    public List<RevisionPool> pools() {
        return new ArrayList<>(pools.values());
    }

    /** Stops the instances of a revision that will never serve (a refused rollout) and forgets its pool. */
    public void discard(FunctionRevision revision) {
        RevisionPool gone = pools.remove(poolKey(revision));
        if (gone != null) {
            gone.killAll();
        }
    }

    /** Initialised instances of the provisioned floor of {@code name} at {@code version}, in pools still serving. */
    public int warmInstances(String name, String version) {
        return pools.values().stream()
                .filter(p -> p.revision().name().equals(name) && p.revision().version().equals(version) && !p.isRetired())
                .mapToInt(RevisionPool::readyProvisioned).sum();
    }

    /** Forgets retired pools that have nothing left. */
    public void forgetRetired() {
        pools.values().removeIf(RevisionPool::isDone);
    }

    /**
     * The revision id makes the key unique even across a function deleted and created again, whose
     * new revision 1 must never run on the pool (and code) of the old one.
     */
    public static String poolKey(FunctionRevision revision) {
        return revision.key() + "@" + revision.revisionId();
    }

    private RevisionPool newPool(FunctionRevision revision) {
        var pool = new RevisionPool(revision, new Starts(), config, records, clock);
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
        floors.remove(name);
        records.forget(name);
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
        Map<String, Integer> now = Map.copyOf(floorPerVersion);
        Map<String, Integer> before = now.isEmpty() ? floors.remove(name) : floors.put(name, now);
        applyFloors(name, now);
        if (before != null) {
            pools.values().stream()
                    .filter(p -> p.revision().name().equals(name) && before.containsKey(p.revision().version())
                            && !now.containsKey(p.revision().version()))
                    .forEach(p -> p.provision(0));
        }
    }

    private void applyFloors(String name, Map<String, Integer> floorPerVersion) {
        for (var e : floorPerVersion.entrySet()) {
            versions.apply(name, e.getKey()).ifPresent(r -> pool(r).provision(e.getValue()));
        }
    }

    private void retireWhere(Predicate<FunctionRevision> which) {
        pools.values().forEach(p -> {
            if (which.test(p.revision())) {
                p.retire();
            }
        });
    }

    /** Kills every instance; in-flight invocations fail. */
    @Override
    public void close() {
        pools.values().forEach(RevisionPool::killAll);
        pools.clear();
        startThreads.shutdownNow();
    }

    /** What every revision pool gets from this one: processes, start threads, node and group capacity. */
    private final class Starts implements RevisionPool.Starts {
        @Override
        public Instance start(FunctionRevision revision) throws IOException {
            return starter.start(revision);
        }

        @Override
        public void execute(Runnable start) {
            startThreads.execute(start);
        }

        /**
         * Takes room, evicting while either the group or the node is full; the group's maximum is
         * read once per start. An {@link InstanceGroups} that fails refuses the start: letting the
         * exception through would leave the start counted forever in its pool.
         */
        @Override
        public Reservation reserve(RevisionPool pool) {
            int memoryMb = pool.revision().config().memoryMb();
            InstanceGroups in = groups;
            try {
                String group = groupOf(in, pool.revision());
                int max = maxInstances(in, group);
                while (true) {
                    switch (capacity.tryTake(group, max, memoryMb)) {
                        case TAKEN -> {
                            return new Reservation.Taken(group, memoryMb);
                        }
                        case GROUP_FULL -> {
                            if (!evictOne(pool, in, group)) {
                                LOG.log(System.Logger.Level.DEBUG, "cannot start an instance of {0}: group {1} runs {2}"
                                        + " instances, at most {3}", pool.revision().key(), group, capacity.instances(group), max);
                                return new Reservation.Refused(groupFull(group, max));
                            }
                        }
                        case NODE_FULL -> {
                            if (!evictOne(pool, in, null)) {
                                LOG.log(System.Logger.Level.WARNING, "cannot start an instance of {0}: {1}",
                                        pool.revision().key(), capacity.describe());
                                return new Reservation.Refused(NODE_FULL);
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot read the instance group of " + pool.revision().key(), e);
                return new Reservation.Refused(QUOTA_UNKNOWN);
            }
        }

        @Override
        public void release(Reservation.Taken room) {
            capacity.give(room.group(), room.memoryMb());
        }

        @Override
        public void demand(RevisionPool pool) {
            demand.accept(pool);
        }
    }

    /**
     * Stops the least recently used idle instance outside {@code except}, only among functions of
     * {@code group} unless it is null; false if there is none.
     */
    private boolean evictOne(RevisionPool except, InstanceGroups in, String group) {
        RevisionPool victim = null;
        Instant oldest = null;
        for (RevisionPool p : pools.values()) {
            Instant lastUsed = p == except ? null : p.oldestEvictable();
            if (lastUsed != null && (oldest == null || lastUsed.isBefore(oldest))
                    && (group == null || group.equals(groupOf(in, p.revision())))) {
                victim = p;
                oldest = lastUsed;
            }
        }
        return victim != null && victim.evictIdle();
    }

    private static String groupOf(InstanceGroups in, FunctionRevision revision) {
        String group = in.group(revision.name());
        if (group == null) {
            throw new IllegalStateException("no instance group for function " + revision.name());
        }
        return group;
    }

    private static int maxInstances(InstanceGroups in, String group) {
        OptionalInt max = in.maxInstances(group);
        if (max.isPresent() && max.getAsInt() < 0) {
            throw new IllegalStateException("the maximum of instance group " + group + " must be 0 or more, was "
                    + max.getAsInt());
        }
        return max.orElse(NodeCapacity.NO_MAXIMUM);
    }

    /**
     * Why a start was refused when its group is full, e.g. "Namespace team-a is running its
     * maximum of 3 instances (its maxInstances quota)". The gateway adds the reason and "retry later".
     */
    static String groupFull(String group, int max) {
        if (max == 0) {
            return "Namespace " + group + " may run no instances (its maxInstances quota is 0)";
        }
        return "Namespace " + group + " is running its maximum of " + max + (max == 1 ? " instance" : " instances")
                + " (its maxInstances quota)";
    }
}
