package dev.nimbus.autoscaler.decide;

import dev.nimbus.core.function.ScalingSpec;

import dev.nimbus.autoscaler.window.MetricWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the decider remembers about one function between ticks. Immutable; the loop keeps
 * the latest one per function and passes it back in.
 *
 * @param metric            samples of the scaling metric, spanning the stable window
 * @param recentDesired     counts wanted recently, spanning the scale-down delay (at least 1 s)
 * @param observingSince    when this deployment started being observed; zero needs a full stable
 *                          window of observation without traffic
 * @param lastObservationAt time of the latest observation (the deploy time before the first)
 * @param lastTrafficAt     latest observation with traffic, or null if none yet
 * @param lastPanicAt       latest decision over the panic threshold while panicking, or null when stable
 * @param maxPanicInstances highest count wanted during the current panic (0 when stable)
 * @param zeroWantedSince   since when the decider has wanted zero instances, or null
 * @param lastDesired       the previous decision's count (the deploy's count before the first)
 */
public record ScalerState(
        MetricWindow metric,
        MetricWindow recentDesired,
        Instant observingSince,
        Instant lastObservationAt,
        Instant lastTrafficAt,
        Instant lastPanicAt,
        int maxPanicInstances,
        Instant zeroWantedSince,
        int lastDesired) {

    public ScalerState {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(recentDesired, "recentDesired");
        Objects.requireNonNull(observingSince, "observingSince");
        Objects.requireNonNull(lastObservationAt, "lastObservationAt");
    }

    /** The state of a function deployed at {@code deployedAt} with {@link ScalingSpec#instancesOnDeploy()}. */
    public static ScalerState initial(ScalingSpec spec, Instant deployedAt) {
        return new ScalerState(MetricWindow.of(spec.stableWindow()), MetricWindow.of(delaySpan(spec)),
                deployedAt, deployedAt, null, null, 0, null, spec.instancesOnDeploy());
    }

    public boolean panicking() {
        return lastPanicAt != null;
    }

    /** This state with its windows resized to {@code spec} (knobs may change between ticks). */
    ScalerState fitTo(ScalingSpec spec) {
        MetricWindow m = metric.withSpan(spec.stableWindow());
        MetricWindow d = recentDesired.withSpan(delaySpan(spec));
        if (m == metric && d == recentDesired) {
            return this;
        }
        return new ScalerState(m, d, observingSince, lastObservationAt, lastTrafficAt, lastPanicAt,
                maxPanicInstances, zeroWantedSince, lastDesired);
    }

    private static Duration delaySpan(ScalingSpec spec) {
        return spec.scaleDownDelay().isZero() ? Duration.ofSeconds(1) : spec.scaleDownDelay();
    }
}
