package dev.nimbus.autoscaler.decide;

import dev.nimbus.core.function.ScalingSpec;

import java.time.Instant;

/**
 * Turns one observation of a function into a desired instance count. Pure: the result depends
 * only on the arguments, and the state to carry forward is part of the {@link Decision}.
 */
public interface Decider {

    /**
     * @param spec        the function's knobs
     * @param state       {@link ScalerState#initial} for a new deployment, else the previous {@link Decision#next()}
     * @param observation what the loop saw; its time must not be after {@code now}
     * @param now         decision time
     */
    Decision decide(ScalingSpec spec, ScalerState state, Observation observation, Instant now);

    /** Knative's pod autoscaler (KPA) algorithm: stable and panic windows, rate limits, delayed scale-down. */
    static Decider kpa() {
        return new KpaDecider();
    }
}
