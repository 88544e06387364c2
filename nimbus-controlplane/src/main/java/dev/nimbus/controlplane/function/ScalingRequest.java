package dev.nimbus.controlplane.function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.nimbus.core.function.Metric;
import dev.nimbus.core.function.ScalingSpec;
import dev.nimbus.core.function.ValidationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code scaling} object of a deploy. Every field is optional: absent ones keep the previous
 * revision's value (the default for a new function). A new {@code metric} without a {@code target}
 * takes that metric's default target, since targets of different metrics do not compare (1.0
 * in-flight invocations is not 1.0 requests/s). {@code maxInstances} is not a field: it is the
 * function's {@code concurrency}.
 *
 * @param metric {@code concurrency}, {@code rps}, {@code cpu} or {@code memory}, in any case
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ScalingRequest(String metric, Double target, Double targetUtilisation, Integer stableWindowSeconds,
                             Integer panicWindowPercent, Double panicThreshold, Double maxScaleUpRate,
                             Double maxScaleDownRate, Integer scaleDownDelaySeconds,
                             Integer scaleToZeroGraceSeconds, Integer minInstances, Integer initialInstances) {

    /**
     * {@code previous} (null: the defaults) changed by the fields given here, with
     * {@code maxInstances = concurrency}.
     *
     * @throws ValidationException naming the field as {@code scaling.<field>}, the range and the value
     */
    public ScalingSpec applyTo(ScalingSpec previous, int concurrency) {
        ScalingSpec base = previous != null ? previous : ScalingSpec.defaults();
        Metric m = metric == null ? base.metric() : metric(metric);
        double defaultTarget = m == base.metric() ? base.target() : m.defaultTarget();
        try {
            return new ScalingSpec(m,
                    target != null ? target : defaultTarget,
                    targetUtilisation != null ? targetUtilisation : base.targetUtilisation(),
                    stableWindowSeconds != null ? seconds(stableWindowSeconds) : base.stableWindow(),
                    panicWindowPercent != null ? panicWindowPercent : base.panicWindowPercent(),
                    panicThreshold != null ? panicThreshold : base.panicThreshold(),
                    maxScaleUpRate != null ? maxScaleUpRate : base.maxScaleUpRate(),
                    maxScaleDownRate != null ? maxScaleDownRate : base.maxScaleDownRate(),
                    scaleDownDelaySeconds != null ? seconds(scaleDownDelaySeconds) : base.scaleDownDelay(),
                    scaleToZeroGraceSeconds != null ? seconds(scaleToZeroGraceSeconds) : base.scaleToZeroGrace(),
                    minInstances != null ? minInstances : base.minInstances(),
                    concurrency,
                    initialInstances != null ? initialInstances : base.initialInstances());
        } catch (ValidationException e) {
            String field = switch (e.field()) {
                case "maxInstances" -> "concurrency";
                case "stableWindow", "scaleDownDelay", "scaleToZeroGrace" -> e.field() + "Seconds";
                default -> e.field();
            };
            throw new ValidationException("scaling." + field, e.getMessage().substring(e.field().length() + 1));
        }
    }

    private static Metric metric(String name) {
        try {
            return Metric.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("scaling.metric", "must be one of " + Arrays.stream(Metric.values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", was '" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'");
        }
    }

    private static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
