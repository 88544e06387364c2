package dev.nimbus.autoscaler.loop;

import dev.nimbus.autoscaler.decide.Decider;
import dev.nimbus.autoscaler.decide.Decision;
import dev.nimbus.autoscaler.decide.Observation;
import dev.nimbus.autoscaler.decide.ScalerState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Applies the decider's counts: every {@code tick} to every {@link Scalable}, and at once to one
 * that was {@link #poke poked} (pokes coalesce: one decision per target however many requests
 * poked it meanwhile). Every change of a count is logged with its reason, and the latest decision
 * and the last few changes per target are kept for the API.
 *
 * <p>Threading: one loop thread runs {@link #tick} and poked decisions; {@link #poke} is called
 * from request threads and only enqueues. Decider states are touched by the loop thread alone;
 * statuses are immutable values in a concurrent map. Tests drive a scaler made with {@link
 * #manual} by calling {@link #tick} and {@link #decidePoked} themselves.
 */
public final class Scaler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Scaler.class.getName());
    /** Changes kept per target for the API. */
    static final int HISTORY = 20;
    /**
     * Pokes closer together than this are one decision: the pool already starts an instance for
     * every queued request, and each decision resets the load counted since the previous one.
     */
    static final Duration POKE_GAP = Duration.ofSeconds(1);

    private final Supplier<? extends Collection<? extends Scalable>> targets;
    private final Decider decider;
    private final InstantSource clock;
    private final Map<String, ScalerState> states = new ConcurrentHashMap<>();
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final Set<String> pokedKeys = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Scalable> poked = new LinkedBlockingQueue<>();
    private volatile Thread loop;

    private Scaler(Supplier<? extends Collection<? extends Scalable>> targets, Decider decider, InstantSource clock) {
        this.targets = targets;
        this.decider = decider;
        this.clock = clock;
    }

    /** A scaler without a thread: the caller ticks it. */
    public static Scaler manual(Supplier<? extends Collection<? extends Scalable>> targets, Decider decider,
                                InstantSource clock) {
        return new Scaler(targets, decider, clock);
    }

    /** A scaler ticking every {@code tick} on its own thread until {@link #close()}. */
    public static Scaler start(Supplier<? extends Collection<? extends Scalable>> targets, Decider decider,
                               InstantSource clock, Duration tick) {
        var scaler = new Scaler(targets, decider, clock);
        scaler.loop = Thread.ofPlatform().name("nimbus-scaler").daemon(true).start(() -> scaler.run(tick));
        return scaler;
    }

    private void run(Duration tick) {
        long next = System.nanoTime() + tick.toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long wait = next - System.nanoTime();
                Scalable target = wait > 0 ? poked.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (target != null) {
                    decidePoked(target);
                } else if (System.nanoTime() - next >= 0) {
                    next = System.nanoTime() + tick.toNanos();
                    tick();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "autoscaler tick failed; trying again at the next one", e);
            }
        }
    }

    /** A request found no free instance of {@code target}: decide for it now rather than at the next tick. */
    public void poke(Scalable target) {
        if (pokedKeys.add(target.key())) {
            poked.add(target);
        }
    }

    /** Decides for every poked target (the loop does this for one at a time as pokes arrive). */
    public void decidePoked() {
        for (Scalable target; (target = poked.poll()) != null; ) {
            decidePoked(target);
        }
    }

    /** A poke within {@link #POKE_GAP} of the target's previous decision waits for the next tick. */
    private void decidePoked(Scalable target) {
        pokedKeys.remove(target.key());
        Status last = statuses.get(target.key());
        if (last == null || !clock.instant().isBefore(last.at().plus(POKE_GAP))) {
            decide(target, true);
        }
    }

    /** Decides for every target and forgets the state of targets that are gone. */
    public void tick() {
        Set<String> seen = new HashSet<>();
        for (Scalable target : targets.get()) {
            seen.add(target.key());
            try {
                decide(target, false);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "deciding the scale of " + target.key() + " failed", e);
            }
        }
        states.keySet().retainAll(seen);
        statuses.keySet().retainAll(seen);
    }

    private void decide(Scalable target, boolean poke) {
        Instant now = clock.instant();
        ScalerState state = states.get(target.key());
        if (state == null) {
            state = ScalerState.initial(target.spec(), now);
        }
        Observation observation = target.observe(now);
        Decision decision = decider.decide(target.spec(), state, poke ? observation.asPoke() : observation, now);
        states.put(target.key(), decision.next());
        Status before = statuses.get(target.key());
        int previous = before == null ? state.lastDesired() : before.desired();
        if (decision.desiredInstances() != previous || before == null) {
            LOG.log(before == null ? System.Logger.Level.DEBUG : System.Logger.Level.INFO,
                    "scaling {0} from {1} to {2} instances ({3}): {4}", target.key(), previous,
                    decision.desiredInstances(), decision.mode(), decision.reason());
        }
        statuses.put(target.key(), Status.after(before, decision, now, previous));
        target.scaleTo(decision.desiredInstances(), decision.mode() == Decision.Mode.STABLE);
    }

    /** What the scaler last decided for {@code key}, if it has seen it. */
    public Optional<Status> status(String key) {
        return Optional.ofNullable(statuses.get(key));
    }

    /** Stops the loop and waits (briefly) for a decision under way to finish. */
    @Override
    public void close() {
        Thread t = loop;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The latest decision for one target and the last {@link #HISTORY} changes of its count, newest first.
     */
    public record Status(int desired, Decision.Mode mode, String reason, Instant at, List<Change> changes) {

        static Status after(Status before, Decision d, Instant now, int previous) {
            List<Change> changes = before == null ? List.of() : before.changes();
            if (before == null || d.desiredInstances() != previous) {
                var next = new ArrayDeque<Change>(HISTORY);
                next.add(new Change(now, previous, d.desiredInstances(), d.mode(), d.reason()));
                changes.stream().limit(HISTORY - 1).forEach(next::add);
                changes = List.copyOf(next);
            }
            return new Status(d.desiredInstances(), d.mode(), d.reason(), now, changes);
        }
    }

    /** One change of a target's count, with the decider's reason. */
    public record Change(Instant at, int from, int to, Decision.Mode mode, String reason) {
    }
}
