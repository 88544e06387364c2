package dev.nimbus.autoscaler.loop;

import dev.nimbus.autoscaler.decide.Observation;
import dev.nimbus.core.function.ScalingSpec;
import java.time.Instant;

/** One thing the {@link Scaler} scales: the instances of one function revision, as the server adapts them. */
public interface Scalable {

    /** Stable identity, e.g. {@code orders:$LATEST#3@<revision id>}. */
    String key();

    ScalingSpec spec();

    /** The load since the previous call and the resources in use now, stamped {@code now}. */
    Observation observe(Instant now);

    /**
     * Applies a decision; draining and starting happen off the caller's thread where they block.
     * Without {@code scaleDown} (in panic, as Knative) it only adds instances: the pool may run
     * more than the decider asked for, started for requests that queued meanwhile.
     */
    void scaleTo(int desiredInstances, boolean scaleDown);
}
