package dev.nimbus.server.scaling;

import dev.nimbus.autoscaler.decide.Decider;
import dev.nimbus.autoscaler.loop.Scaler;
import dev.nimbus.controlplane.api.FleetView;
import dev.nimbus.sandbox.pool.InstancePool;
import dev.nimbus.sandbox.pool.RevisionPool;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the instance pool and the autoscaler: the scaler ticks over every revision pool every
 * {@link #TICK} and at once when a pool reports demand; the fleet view the API shows combines each
 * pool's snapshot with the scaler's latest decisions.
 */
public final class Autoscaling implements FleetView, AutoCloseable {
    /** How often every function's scale is decided (Knative's tick). */
    public static final Duration TICK = Duration.ofSeconds(2);

    private final InstancePool pool;
    private final Scaler scaler;

    private Autoscaling(InstancePool pool, InstantSource clock) {
        this.pool = pool;
        this.scaler = Scaler.start(() -> {
            pool.forgetRetired();
            return pool.pools().stream().map(p -> new PoolTarget(p, clock)).toList();
        }, Decider.kpa(), clock, TICK);
        pool.onDemand(p -> scaler.poke(new PoolTarget(p, clock)));
    }

    public static Autoscaling start(InstancePool pool, InstantSource clock) {
        return new Autoscaling(pool, clock);
    }

    @Override
    public List<RevisionStatus> revisions(String function) {
        return pool.pools().stream().filter(p -> p.revision().name().equals(function))
                .map(RevisionPool::snapshot)
                .sorted(Comparator.comparing((RevisionPool.Snapshot s) -> s.revision().revision()).reversed())
                .map(this::status).toList();
    }

    @Override
    public Map<String, List<RevisionStatus>> all() {
        var byName = new TreeMap<String, List<RevisionStatus>>();
        for (String name : pool.pools().stream().map(p -> p.revision().name()).distinct().toList()) {
            byName.put(name, revisions(name));
        }
        return byName;
    }

    private RevisionStatus status(RevisionPool.Snapshot s) {
        var decided = scaler.status(InstancePool.poolKey(s.revision()));
        var instances = s.instances().stream().map(i -> new InstanceStatus(i.id(), i.state().toLowerCase(Locale.ROOT),
                i.provisioned(), i.lastUsed(), i.cpu(), i.rssBytes(), i.peakRssBytes())).toList();
        return new RevisionStatus(s.revision().version(), s.revision().revision(), s.retired(),
                s.revision().config().scaling().metric().name().toLowerCase(Locale.ROOT), s.desired(),
                s.liveInstances(), s.starting(), s.floor(), s.inFlight(), s.queued(), s.throttles(), s.coldStarts(),
                decided.map(d -> d.mode().name().toLowerCase(Locale.ROOT)).orElse(null),
                decided.map(d -> d.reason()).orElse(null), decided.map(d -> d.at()).orElse(null),
                decided.map(d -> d.changes().stream().map(c -> new Decision(c.at(), c.from(), c.to(),
                        c.mode().name().toLowerCase(Locale.ROOT), c.reason())).toList()).orElse(List.of()),
                instances);
    }

    @Override
    public void close() {
        scaler.close();
    }
}
