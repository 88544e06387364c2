package dev.nimbus.controlplane.function;

/**
 * What the control plane asks of the instance pool; the server wires both to it.
 *
 * @param gate admits a new {@code $LATEST} revision once its first instances initialise
 * @param warm counts initialised instances, for provisioned concurrency's allocated count
 */
public record PoolHooks(RolloutGate gate, WarmCapacity warm) {

    /** Admits every revision at once and counts no instances. */
    public static final PoolHooks NONE = new PoolHooks(RolloutGate.ADMIT_ALL, WarmCapacity.NONE);

    public PoolHooks {
        java.util.Objects.requireNonNull(gate, "gate");
        java.util.Objects.requireNonNull(warm, "warm");
    }
}
