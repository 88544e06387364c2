package dev.nimbus.controlplane.function;

/**
 * How many instances of a version are started and initialised right now, as the instance pool
 * counts them; the control plane reports provisioned concurrency as allocated from it.
 *
 * <p>Threading: called from request threads; implementations answer from a snapshot, without blocking.
 */
@FunctionalInterface
public interface WarmCapacity {

    /** Knows of no instances. */
    WarmCapacity NONE = (name, version) -> 0;

    /** Initialised instances of {@code name} at published version {@code version}, busy or idle. */
    int warm(String name, String version);
}
