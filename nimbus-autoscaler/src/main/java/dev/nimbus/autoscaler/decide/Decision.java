package dev.nimbus.autoscaler.decide;

import java.util.Objects;

/**
 * What the decider wants for one function after one observation.
 *
 * @param desiredInstances instances to have, already within [minInstances, maxInstances]
 * @param mode             {@link Mode#PANIC} while a burst holds the count up
 * @param reason           one line for logs and the dashboard: the figures behind the number
 * @param next             state to pass to the next {@code decide} call for this function
 */
public record Decision(int desiredInstances, Mode mode, String reason, ScalerState next) {

    public enum Mode { STABLE, PANIC }

    public Decision {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(next, "next");
    }
}
