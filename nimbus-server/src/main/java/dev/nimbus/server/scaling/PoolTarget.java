package dev.nimbus.server.scaling;

import dev.nimbus.autoscaler.decide.Observation;
import dev.nimbus.autoscaler.loop.Scalable;
import dev.nimbus.core.function.ScalingSpec;
import dev.nimbus.sandbox.pool.InstancePool;
import dev.nimbus.sandbox.pool.RevisionPool;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A revision's pool as the autoscaler sees it. Each observation also samples the instances' CPU
 * and memory, so the figures the API shows are at most one tick old.
 */
record PoolTarget(RevisionPool pool, InstantSource clock) implements Scalable {

    @Override
    public String key() {
        return InstancePool.poolKey(pool.revision());
    }

    @Override
    public ScalingSpec spec() {
        return pool.revision().config().scaling();
    }

    @Override
    public Observation observe(Instant now) {
        RevisionPool.Load load = pool.takeLoad();
        RevisionPool.Usage usage = pool.sample(clock);
        return new Observation(now, load.meanInFlight(), load.arrivals(), load.readyInstances(), load.queued(),
                usage.cpu(), usage.memory(), false);
    }

    @Override
    public void scaleTo(int desiredInstances, boolean scaleDown) {
        pool.scaleTo(desiredInstances, scaleDown);
    }
}
