package dev.nimbus.controlplane.api;

import dev.nimbus.core.function.ScalingSpec;
import java.util.Locale;

/**
 * A function version's effective scaling as the native API shows it: every knob, durations in
 * whole seconds. {@code maxInstances} is read-only: it is the version's {@code concurrency}.
 */
record ScalingView(String metric, double target, double targetUtilisation, long stableWindowSeconds,
                   int panicWindowPercent, double panicThreshold, double maxScaleUpRate, double maxScaleDownRate,
                   long scaleDownDelaySeconds, long scaleToZeroGraceSeconds, int minInstances, int maxInstances,
                   int initialInstances) {

    static ScalingView of(ScalingSpec s) {
        return new ScalingView(s.metric().name().toLowerCase(Locale.ROOT), s.target(), s.targetUtilisation(),
                s.stableWindow().getSeconds(), s.panicWindowPercent(), s.panicThreshold(), s.maxScaleUpRate(),
                s.maxScaleDownRate(), s.scaleDownDelay().getSeconds(), s.scaleToZeroGrace().getSeconds(),
                s.minInstances(), s.maxInstances(), s.initialInstances());
    }
}
