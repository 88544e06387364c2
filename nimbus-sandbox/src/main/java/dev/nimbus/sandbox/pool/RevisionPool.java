package dev.nimbus.sandbox.pool;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.InvocationRecord.StartKind;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.LogExcerpt;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.instance.Instance;
import dev.nimbus.sandbox.instance.InstanceState;
import dev.nimbus.sandbox.launch.LaunchRefusedException;
import dev.nimbus.sandbox.resource.ResourceWindow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The instances of one function revision, and the invocations waiting for one.
 *
 * <p>An invocation takes the most recently used idle instance (warmest). If none is idle it joins
 * a FIFO queue (at most {@code queueDepth}; beyond, it is throttled at once) and the pool starts
 * one instance for each queued invocation beyond those already starting, within the function's
 * maximum, the node's capacity and its group's maximum ({@link InstanceGroups}), then pokes the
 * autoscaler. A free instance, new or just finished, goes to the head of the queue first. An
 * invocation waits at most {@code queueTimeout}.
 *
 * <p>The autoscaler sets the desired count ({@link #scaleTo}); the provisioned floor ({@link
 * #provision}) is kept whatever it says. Scaling down drains idle instances only, least recently
 * used first and never one of the floor's: a busy instance finishes its invocation, or its own
 * timeout kills it. A retired pool (an older revision) starts instances only for invocations that
 * already chose it and drains each instance when no one waits.
 *
 * <p>Threading: request threads call {@link #invoke}; starter threads finish starts; the scaler
 * thread calls {@link #takeLoad}, {@link #sample} and {@link #scaleTo}; the control plane calls
 * {@link #provision}, {@link #prewarm} and {@link #retire}. {@code lock} guards all mutable state;
 * no process is started or stopped, and no caller waits, while holding it.
 */
public final class RevisionPool {
    private static final System.Logger LOG = System.getLogger(RevisionPool.class.getName());
    /** Samples kept per instance: a minute at the scaler's 2 s tick. */
    private static final int USAGE_SAMPLES = 32;
    /** CPU utilisation is reported over this span. */
    static final Duration CPU_SPAN = Duration.ofSeconds(10);

    private final FunctionRevision revision;
    private final Starts starts;
    private final PoolConfig config;
    private final InvocationRecords records;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Instance> idle = new ArrayDeque<>(); // first: most recently used
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private final Map<Instance, Slot> live = new LinkedHashMap<>(); // neither draining nor ended
    private int starting;
    private int startingProvisioned;
    private int desired;
    private int floor;
    /** Instances a rollout started are kept until {@code heldUntil}, whatever the autoscaler says. */
    private int held;
    private Instant heldUntil = Instant.MIN;
    private boolean retired;
    private int inFlight;
    private long arrivals;
    private long throttles;
    private long coldStarts;
    private double inFlightArea; // in-flight invocations × nanoseconds since areaSince
    private long areaSince = System.nanoTime();
    private long lastChange = areaSince;

    /** One instance as the pool knows it. */
    private static final class Slot {
        boolean provisioned; // guarded by lock
        ResourceWindow usage = ResourceWindow.empty(USAGE_SAMPLES);

        Slot(boolean provisioned) {
            this.provisioned = provisioned;
        }
    }

    /** An instance handed to an invocation, or why none could be. */
    private record Lease(Instance instance, StartKind kind, InvocationResult refusal) {
    }

    private static final class Waiter {
        final CompletableFuture<Lease> handoff = new CompletableFuture<>();
    }

    /** What the pool needs from its owner: starting processes, and room on the node and in the function's group. */
    interface Starts {
        /** Starts a process; blocking. */
        Instance start(FunctionRevision revision) throws IOException;

        /** Runs a start off the caller's thread. */
        void execute(Runnable start);

        /**
         * Takes room for one more instance of {@code pool}'s revision, on the node and in its
         * function's group, evicting idle instances of other pools if needed; never blocks on a start.
         */
        Reservation reserve(RevisionPool pool);

        /** Gives back room taken by {@link #reserve}; once per room. */
        void release(Reservation.Taken room);

        /** A request found no free instance: the autoscaler should look at this pool now. */
        void demand(RevisionPool pool);
    }

    RevisionPool(FunctionRevision revision, Starts starts, PoolConfig config, InvocationRecords records,
                 InstantSource clock) {
        this.revision = revision;
        this.starts = starts;
        this.config = config;
        this.records = records;
        this.clock = clock;
    }

    public FunctionRevision revision() {
        return revision;
    }

    // ---- invocations ----

    InvocationResult invoke(InvocationRequest call) {
        var excerpt = new LogExcerpt(call.log());
        InvocationRequest request = call.withLog(excerpt);
        Instant arrived = clock.instant();
        long arrivedNanos = System.nanoTime();
        Lease lease;
        Waiter waiter = null;
        int toStart = 0;
        lock.lock();
        try {
            arrivals++;
            lease = takeIdle();
            if (lease == null) {
                if (queue.size() >= config.queueDepth()) {
                    throttles++;
                    lease = refusal(new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded",
                            "Too many invocations of " + revision.name() + " are waiting for an instance ("
                                    + queue.size() + " queued)", 1));
                } else {
                    waiter = new Waiter();
                    queue.addLast(waiter);
                    toStart = startsForDemand();
                }
            }
        } finally {
            lock.unlock();
        }
        if (waiter != null) {
            launch(toStart, false);
            starts.demand(this);
            lease = await(waiter);
        }
        Duration queued = Duration.ofNanos(System.nanoTime() - arrivedNanos);
        if (lease.refusal() != null) {
            record(request, arrived, null, queued, arrivedNanos, lease.refusal(), excerpt);
            return lease.refusal();
        }
        InvocationResult result;
        try {
            result = lease.instance().invoke(request, config.initTimeout());
        } finally {
            release(lease.instance());
        }
        record(request, arrived, lease, queued, arrivedNanos, result, excerpt);
        return result;
    }

    private static Lease refusal(InvocationResult result) {
        return new Lease(null, null, result);
    }

    /** Locked: the warmest idle instance that is still alive, leased. */
    private Lease takeIdle() {
        for (Instance instance; (instance = idle.pollFirst()) != null; ) {
            if (!instance.state().isTerminal()) {
                return lease(instance);
            }
            live.remove(instance);
        }
        return null;
    }

    /** Locked: counts {@code instance} as busy from now and says how it came to be ready. */
    private Lease lease(Instance instance) {
        countInFlight(+1);
        Slot slot = live.get(instance);
        StartKind kind = !instance.isInitialized() ? StartKind.COLD
                : slot != null && slot.provisioned ? StartKind.PROVISIONED : StartKind.WARM;
        if (kind == StartKind.COLD) {
            coldStarts++;
        }
        return new Lease(instance, kind, null);
    }

    private Lease await(Waiter waiter) {
        try {
            return waiter.handoff.get(config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lock.lock();
            try {
                if (queue.remove(waiter)) {
                    throttles++;
                    return refusal(new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded",
                            "No instance of " + revision.name() + " became free within "
                                    + config.queueTimeout().toMillis() + " ms", 1));
                }
            } finally {
                lock.unlock();
            }
            return waiter.handoff.join(); // handed over just as the wait ended
        } catch (ExecutionException e) {
            throw new IllegalStateException("a hand-off never fails", e);
        }
    }

    private void release(Instance instance) {
        List<Instance> stop = new ArrayList<>(1);
        int toStart;
        lock.lock();
        try {
            countInFlight(-1);
            if (instance.state() == InstanceState.IDLE) {
                offer(instance, stop);
            } else if (instance.state().isTerminal()) {
                live.remove(instance);
            }
            toStart = startsForDemand();
        } finally {
            lock.unlock();
        }
        stop.forEach(Instance::drain);
        launch(toStart, false);
    }

    /** Locked: gives a free instance to the longest waiting invocation, else keeps it idle (or stops it if retired). */
    private void offer(Instance instance, List<Instance> stop) {
        Waiter head = queue.pollFirst();
        if (head != null) {
            head.handoff.complete(lease(instance));
        } else if (retired) {
            live.remove(instance);
            stop.add(instance);
        } else if (instance.isInitialized()) {
            idle.addFirst(instance);
        } else {
            idle.addLast(instance); // still starting: warm instances go first
        }
    }

    /** Locked: how many instances to start so that every queued invocation has one coming. */
    private int startsForDemand() {
        int room = revision.config().concurrency() - live.size() - starting;
        int n = Math.max(0, Math.min(queue.size() - starting, room));
        starting += n;
        return n;
    }

    private void record(InvocationRequest request, Instant arrived, Lease lease, Duration queued, long arrivedNanos,
                        InvocationResult result, LogExcerpt log) {
        Instance instance = lease == null ? null : lease.instance();
        InvocationRecord.ColdStart cold = lease != null && lease.kind() == StartKind.COLD
                ? instance.startPhases().map(p -> new InvocationRecord.ColdStart(p.spawn(), p.runtimeInit(), p.handlerInit()))
                        .orElse(null)
                : null;
        records.add(new InvocationRecord(request.requestId(), revision.name(), revision.version(), revision.revision(),
                request.trigger(), instance == null ? null : instance.id(), arrived,
                lease == null ? null : lease.kind(), queued, cold, Duration.ofNanos(System.nanoTime() - arrivedNanos),
                InvocationRecord.Outcome.of(result), InvocationRecord.errorType(result),
                instance == null ? 0 : instance.maxMemoryUsedMb(), request.trace(), log.lines()));
    }

    // ---- starting and stopping instances ----

    /** Starts {@code n} instances off this thread; each taken from {@code starting}, already counted. */
    private void launch(int n, boolean provisioned) {
        for (int i = 0; i < n; i++) {
            launchOne(provisioned, null);
        }
    }

    /**
     * Takes room for one instance, counted in {@code starting} already, and starts it off this
     * thread; {@code started}, if given, learns of it as {@link #spawn} says (null at once when
     * there is no room).
     */
    private void launchOne(boolean provisioned, CompletableFuture<Instance> started) {
        switch (starts.reserve(this)) {
            case Reservation.Refused refused -> {
                startFailed(provisioned, new InvocationResult.Throttled("ConcurrentInvocationLimitExceeded",
                        refused.message(), 1), true);
                completeIfAsked(started);
            }
            case Reservation.Taken room -> {
                try {
                    starts.execute(() -> spawn(provisioned, started, room));
                } catch (RejectedExecutionException e) {
                    starts.release(room);
                    startFailed(provisioned, new InvocationResult.PlatformError("Nimbus is shutting down"), false);
                    completeIfAsked(started);
                }
            }
        }
    }

    private static void completeIfAsked(CompletableFuture<Instance> started) {
        if (started != null) {
            started.complete(null);
        }
    }

    /**
     * Starts one instance in {@code room}; {@code started}, if given, learns of it (or of null when
     * the start failed) once it counts among this pool's instances, so that whoever waits sees it there.
     */
    private void spawn(boolean provisioned, CompletableFuture<Instance> started, Reservation.Taken room) {
        Instance instance = null;
        try {
            instance = spawnOrFail(provisioned, room);
            if (instance != null) {
                started(instance, provisioned, room);
            }
        } finally {
            if (started != null) {
                started.complete(instance);
            }
        }
    }

    private Instance spawnOrFail(boolean provisioned, Reservation.Taken room) {
        Instance instance;
        try {
            instance = starts.start(revision);
        } catch (LaunchRefusedException e) {
            starts.release(room);
            startFailed(provisioned, new InvocationResult.InitError(e.errorType(),
                    InvocationResult.errorDocument(e.errorType(), e.getMessage())), false);
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot start an instance of " + revision.key(), e);
            starts.release(room);
            startFailed(provisioned, new InvocationResult.PlatformError("Nimbus could not start an instance of the function"),
                    false);
            return null;
        }
        return instance;
    }

    /**
     * A started instance joins the pool. Its end is watched before anyone can lease or evict it, so
     * that stopping it gives its room back at once: an eviction that found the node or group still
     * full would otherwise stop another instance. One that has ended already joins no list but
     * still goes to the longest waiting invocation, which learns why (an init error, say).
     */
    private void started(Instance instance, boolean provisioned, Reservation.Taken room) {
        instance.terminated().thenRun(() -> ended(instance, room));
        List<Instance> stop = new ArrayList<>(1);
        int toStart = 0;
        lock.lock();
        try {
            starting--;
            if (provisioned) {
                startingProvisioned--;
            }
            if (instance.state().isTerminal()) {
                Waiter head = queue.pollFirst();
                if (head != null) {
                    head.handoff.complete(lease(instance));
                }
                toStart = startsForDemand();
            } else {
                live.put(instance, new Slot(provisioned));
                offer(instance, stop);
            }
        } finally {
            lock.unlock();
        }
        CompletableFuture.delayedExecutor(config.initTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> stopIfNeverInitialised(instance));
        stop.forEach(Instance::drain);
        launch(toStart, false);
    }

    /**
     * An instance whose runtime has not asked for an event within the init timeout is stopped,
     * unless an invocation waits on it (which then fails with the init timeout itself).
     */
    private void stopIfNeverInitialised(Instance instance) {
        if (instance.isInitialized() || instance.state() == InstanceState.BUSY) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "an instance of {0} did not initialise within {1} s; stopping it",
                revision.key(), config.initTimeout().toSeconds());
        instance.kill(InstanceState.FAILED);
    }

    /**
     * A start failed with {@code error}: every invocation waiting beyond the starts still under way
     * gets it. When the start found no room ({@code noRoom}: the node or the function's group is
     * full) they get it only if this revision has no instance that could free up, else they wait on.
     */
    private void startFailed(boolean provisioned, InvocationResult error, boolean noRoom) {
        List<Waiter> failed = new ArrayList<>();
        lock.lock();
        try {
            starting--;
            if (provisioned) {
                startingProvisioned--;
            }
            if (!noRoom || live.isEmpty() && starting == 0) {
                if (noRoom) {
                    throttles += queue.size();
                }
                while (queue.size() > starting) {
                    failed.add(queue.pollLast());
                }
            }
        } finally {
            lock.unlock();
        }
        Lease lease = refusal(error);
        failed.forEach(w -> w.handoff.complete(lease));
    }

    private void ended(Instance instance, Reservation.Taken room) {
        int toStart;
        lock.lock();
        try {
            live.remove(instance);
            idle.remove(instance);
            toStart = startsForDemand();
        } finally {
            lock.unlock();
        }
        starts.release(room);
        launch(toStart, false);
    }

    /**
     * The autoscaler's count: starts instances up to {@code max(desired, floor)} (within the
     * function's maximum) or drains idle ones down to it, least recently used first, keeping the floor's.
     */
    public void scaleTo(int desiredInstances) {
        scaleTo(desiredInstances, true);
    }

    /** {@link #scaleTo(int)}, draining nothing unless {@code scaleDown} (the autoscaler in panic only adds). */
    public void scaleTo(int desiredInstances, boolean scaleDown) {
        List<Instance> stop = new ArrayList<>();
        int plain;
        int provisioned;
        lock.lock();
        try {
            desired = desiredInstances;
            int keep = clock.instant().isBefore(heldUntil) ? Math.max(desired, held) : desired;
            int max = revision.config().concurrency();
            int target = retired ? 0 : Math.min(Math.max(keep, floor), max);
            int provisionedLive = (int) live.values().stream().filter(s -> s.provisioned).count();
            provisioned = retired ? 0 : Math.max(0, Math.min(floor - provisionedLive - startingProvisioned,
                    max - live.size() - starting));
            plain = Math.max(0, target - live.size() - starting - provisioned);
            starting += plain + provisioned;
            startingProvisioned += provisioned;
            int surplus = scaleDown ? live.size() + starting - target : 0;
            int spareProvisioned = provisionedLive + startingProvisioned - floor;
            for (Iterator<Instance> it = idle.descendingIterator(); it.hasNext() && surplus > 0; ) {
                Instance instance = it.next();
                Slot slot = live.get(instance);
                if (slot != null && slot.provisioned) {
                    if (spareProvisioned <= 0) {
                        continue;
                    }
                    spareProvisioned--;
                }
                it.remove();
                live.remove(instance);
                stop.add(instance);
                surplus--;
            }
        } finally {
            lock.unlock();
        }
        stop.forEach(Instance::drain);
        launch(provisioned, true);
        launch(plain, false);
    }

    /** Keeps at least {@code instances} started and initialised (provisioned concurrency); 0 removes the floor. */
    public void provision(int instances) {
        int current;
        lock.lock();
        try {
            floor = Math.max(0, instances);
            current = desired;
            int excess = (int) live.values().stream().filter(s -> s.provisioned).count() + startingProvisioned - floor;
            for (Slot slot : live.values()) {
                if (excess <= 0) {
                    break;
                }
                if (slot.provisioned) {
                    slot.provisioned = false; // an ordinary instance from now on
                    excess--;
                }
            }
        } finally {
            lock.unlock();
        }
        scaleTo(current);
    }

    /**
     * Starts {@code n} instances and waits (at most the init timeout) for their runtimes to
     * initialise: empty when all did, else the first init error. They stay, idle and warm, and
     * the autoscaler keeps them for {@code hold} even without traffic (a rollout's new revision
     * must not lose them before traffic moves to it).
     */
    public Optional<InvocationResult.InitError> prewarm(int n, Duration hold) {
        lock.lock();
        try {
            starting += n;
            held = n;
            heldUntil = clock.instant().plus(hold);
        } finally {
            lock.unlock();
        }
        List<CompletableFuture<Instance>> spawned = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            var started = new CompletableFuture<Instance>();
            spawned.add(started);
            launchOne(false, started);
        }
        long deadline = System.nanoTime() + config.initTimeout().toNanos();
        try {
            for (CompletableFuture<Instance> s : spawned) {
                Instance instance = s.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (instance == null) {
                    return Optional.of(initError("Runtime.Unknown", "Nimbus could not start an instance of the function"));
                }
                Optional<InvocationResult.InitError> init = instance.initOutcome()
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (init.isPresent()) {
                    return init;
                }
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of(initError("Runtime.InitTimeout",
                    "Runtime did not start within " + config.initTimeout().toSeconds() + " seconds"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(initError("Runtime.Unknown", "interrupted"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("starts and init outcomes never fail", e);
        }
    }

    private static InvocationResult.InitError initError(String type, String message) {
        return new InvocationResult.InitError(type, InvocationResult.errorDocument(type, message));
    }

    /** No new work starts here: idle instances stop now, busy ones once nobody waits for them. */
    void retire() {
        List<Instance> stop;
        lock.lock();
        try {
            retired = true;
            stop = new ArrayList<>(idle);
            idle.clear();
            stop.forEach(live::remove);
        } finally {
            lock.unlock();
        }
        stop.forEach(Instance::drain);
    }

    boolean isRetired() {
        lock.lock();
        try {
            return retired;
        } finally {
            lock.unlock();
        }
    }

    /** Live instances whose runtime has initialised, busy or idle. */
    public int readyInstances() {
        lock.lock();
        try {
            return (int) live.keySet().stream().filter(Instance::isInitialized).count();
        } finally {
            lock.unlock();
        }
    }

    /** Initialised instances of the provisioned floor. */
    public int readyProvisioned() {
        lock.lock();
        try {
            return (int) live.entrySet().stream().filter(e -> e.getValue().provisioned && e.getKey().isInitialized()).count();
        } finally {
            lock.unlock();
        }
    }

    /** Retired with nothing left: no instance, nothing starting, nobody waiting. */
    boolean isDone() {
        lock.lock();
        try {
            return retired && live.isEmpty() && starting == 0 && queue.isEmpty() && inFlight == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the least recently used idle instance beyond the floor, for another pool's start; false if none. */
    boolean evictIdle() {
        Instance victim = null;
        lock.lock();
        try {
            for (Iterator<Instance> it = idle.descendingIterator(); it.hasNext(); ) {
                Instance instance = it.next();
                Slot slot = live.get(instance);
                if (slot == null || !slot.provisioned) {
                    it.remove();
                    live.remove(instance);
                    victim = instance;
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (victim == null) {
            return false;
        }
        victim.kill(InstanceState.STOPPED);
        return true;
    }

    /** When the least recently used evictable idle instance was last used, or null if none. */
    Instant oldestEvictable() {
        lock.lock();
        try {
            for (Iterator<Instance> it = idle.descendingIterator(); it.hasNext(); ) {
                Instance instance = it.next();
                Slot slot = live.get(instance);
                if (slot == null || !slot.provisioned) {
                    return instance.lastUsed();
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    void killAll() {
        List<Instance> all;
        List<Waiter> waiting;
        lock.lock();
        try {
            retired = true;
            all = new ArrayList<>(live.keySet());
            live.clear();
            idle.clear();
            waiting = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(i -> i.kill(InstanceState.STOPPED));
        Lease closed = refusal(new InvocationResult.PlatformError("Nimbus is shutting down"));
        waiting.forEach(w -> w.handoff.complete(closed));
    }

    // ---- what the autoscaler and operators see ----

    /** Locked: keeps the time integral of in-flight invocations for {@link #takeLoad}. */
    private void countInFlight(int delta) {
        long now = System.nanoTime();
        inFlightArea += (double) inFlight * (now - lastChange);
        lastChange = now;
        inFlight += delta;
    }

    /**
     * The load since the previous call, for the autoscaler: mean in-flight invocations, arrivals,
     * instances ready (initialised, not draining) and invocations queued now.
     */
    public Load takeLoad() {
        lock.lock();
        try {
            countInFlight(0);
            long span = lastChange - areaSince;
            double mean = span <= 0 ? inFlight : inFlightArea / span;
            var load = new Load(mean, arrivals, readyInstances(), queue.size());
            inFlightArea = 0;
            areaSince = lastChange;
            arrivals = 0;
            return load;
        } finally {
            lock.unlock();
        }
    }

    /** What the autoscaler sees of a pool between two ticks. */
    public record Load(double meanInFlight, long arrivals, int readyInstances, int queued) {
    }

    /**
     * Samples every live instance's CPU time and memory into its window, and returns the sums the
     * autoscaler scales on: CPU in cores over {@link #CPU_SPAN}, memory as a fraction of the function's limit.
     */
    public Usage sample(InstantSource sampleClock) {
        List<Map.Entry<Instance, Slot>> slots;
        lock.lock();
        try {
            slots = new ArrayList<>(live.entrySet());
        } finally {
            lock.unlock();
        }
        double cpu = 0;
        double memory = 0;
        double limit = revision.config().memoryMb() * 1024.0 * 1024.0;
        for (var e : slots) {
            ResourceWindow window = e.getValue().usage.add(e.getKey().sample(sampleClock));
            e.getValue().usage = window; // only the scaler thread writes; readers see either window
            cpu += window.cpuUtilisation(CPU_SPAN).orElse(0);
            memory += window.currentRssBytes().orElse(0) / limit;
        }
        return new Usage(cpu, memory);
    }

    /** Resource use summed over a pool's instances: CPU in cores, memory in function memory limits. */
    public record Usage(double cpu, double memory) {
    }

    /** A consistent view of the pool, for the API. */
    public Snapshot snapshot() {
        lock.lock();
        try {
            List<InstanceView> instances = new ArrayList<>(live.size());
            live.forEach((instance, slot) -> instances.add(new InstanceView(instance.id(), instance.state().name(),
                    slot.provisioned, instance.lastUsed(), slot.usage.cpuUtilisation(CPU_SPAN).orElse(0),
                    slot.usage.currentRssBytes().orElse(0), slot.usage.peakRssBytes().orElse(0))));
            return new Snapshot(revision, desired, floor, live.size(), starting, inFlight, queue.size(), throttles,
                    coldStarts, retired, instances);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param desired   the autoscaler's latest count
     * @param floor     provisioned instances to keep
     * @param instances live instances (not draining), including those still initialising
     * @param starting  processes being started
     * @param throttles invocations throttled since the pool was created
     * @param coldStarts invocations that waited for an instance to initialise, since the pool was created
     */
    public record Snapshot(FunctionRevision revision, int desired, int floor, int liveInstances, int starting,
                           int inFlight, int queued, long throttles, long coldStarts, boolean retired,
                           List<InstanceView> instances) {
    }

    /** One instance: CPU in cores over the last {@link #CPU_SPAN}, memory in bytes. */
    public record InstanceView(String id, String state, boolean provisioned, Instant lastUsed, double cpu,
                               long rssBytes, long peakRssBytes) {
    }
}
