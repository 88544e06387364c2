package dev.nimbus.controlplane.function;

import dev.nimbus.core.function.FunctionRevision;

/**
 * Proves a new {@code $LATEST} revision initialises before it serves: the instance pool starts
 * {@code candidate}'s first instances ({@link dev.nimbus.core.function.ScalingSpec#instancesOnDeploy()},
 * or as many as {@code previous} runs) and waits until they are initialised. The candidate carries
 * the revision number and revision id it will be stored with, so instances started here serve it
 * once admitted.
 *
 * <p>Threading: called from request threads, under the function's lock in {@link FunctionService};
 * blocks for as long as initialisation takes (bounded by the pool's init timeout).
 */
@FunctionalInterface
public interface RolloutGate {

    /** Admits every candidate at once, starting nothing. */
    RolloutGate ADMIT_ALL = (candidate, previous) -> GateResult.ADMITTED;

    /**
     * @param candidate the revision that would become {@code $LATEST}, not yet stored
     * @param previous  the revision serving {@code $LATEST} now, or null when {@code candidate}
     *                  creates the function: then the instances are only started early, and the
     *                  result is ignored because there is nothing older to keep serving
     */
    GateResult admit(FunctionRevision candidate, FunctionRevision previous);
}
