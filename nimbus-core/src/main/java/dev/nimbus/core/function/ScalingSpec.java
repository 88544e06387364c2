package dev.nimbus.core.function;

import java.time.Duration;

/**
 * How one function scales. Defaults live in {@link #defaults(Metric)} and follow Knative's KPA
 * except where one invocation per instance changes the arithmetic (target 1.0, RPS target 10/s);
 * every value is checked here, once, and a bad one throws a {@link ValidationException} naming
 * the field, the allowed range and the value.
 *
 * @param metric              signal to scale on (default {@link Metric#CONCURRENCY})
 * @param target              per-instance value of the metric at 100% utilisation; range per
 *                            metric ({@link Metric#minTarget()}..{@link Metric#maxTarget()})
 * @param targetUtilisation   fraction of {@code target} to aim for, 0.01-1.0 (0.7: 30% headroom
 *                            so a burst lands on warm instances while new ones start)
 * @param stableWindow        averaging window for normal decisions, whole seconds, 6 s-1 h (60 s)
 * @param panicWindowPercent  panic window as a percentage of the stable window, 1-100 (10 → 6 s)
 * @param panicThreshold      enter panic when the panic-window demand is at least this many times
 *                            the ready instances, 1.1-10.0 (2.0, Knative's 200%)
 * @param maxScaleUpRate      at most this many times the ready instances per decision, 1 < r ≤ 10000 (1000)
 * @param maxScaleDownRate    at least ready / r instances per decision, 1 < r ≤ 10000 (2: halve at most)
 * @param scaleDownDelay      scale down to the highest count wanted during this period, whole
 *                            seconds, 0-1 h (0)
 * @param scaleToZeroGrace    once zero is wanted, keep one instance this long, whole seconds, 0-1 h (30 s)
 * @param minInstances        floor, 0..maxInstances (0: scale to zero)
 * @param maxInstances        ceiling, 1-1000 (100, the function concurrency default)
 * @param initialInstances    instances started on deploy, 0..maxInstances (1: the deploy proves the
 *                            code initialises and the first invocation is warm); the deploy starts
 *                            {@link #instancesOnDeploy()}
 */
public record ScalingSpec(
        Metric metric,
        double target,
        double targetUtilisation,
        Duration stableWindow,
        int panicWindowPercent,
        double panicThreshold,
        double maxScaleUpRate,
        double maxScaleDownRate,
        Duration scaleDownDelay,
        Duration scaleToZeroGrace,
        int minInstances,
        int maxInstances,
        int initialInstances) {

    public static final int MAX_INSTANCES_LIMIT = 1000;
    private static final Duration HOUR = Duration.ofHours(1);

    public ScalingSpec {
        if (metric == null) {
            throw new ValidationException("metric", "is required; one of CONCURRENCY, RPS, CPU, MEMORY");
        }
        checkRange("target", target, metric.minTarget(), metric.maxTarget(), " for metric " + metric);
        checkRange("targetUtilisation", targetUtilisation, 0.01, 1.0, "");
        checkSeconds("stableWindow", stableWindow, 6);
        if (panicWindowPercent < 1 || panicWindowPercent > 100) {
            throw new ValidationException("panicWindowPercent", "must be between 1 and 100, was " + panicWindowPercent);
        }
        checkRange("panicThreshold", panicThreshold, 1.1, 10.0, "");
        checkRate("maxScaleUpRate", maxScaleUpRate);
        checkRate("maxScaleDownRate", maxScaleDownRate);
        checkSeconds("scaleDownDelay", scaleDownDelay, 0);
        checkSeconds("scaleToZeroGrace", scaleToZeroGrace, 0);
        if (maxInstances < 1 || maxInstances > MAX_INSTANCES_LIMIT) {
            throw new ValidationException("maxInstances", "must be between 1 and " + MAX_INSTANCES_LIMIT + ", was " + maxInstances);
        }
        if (minInstances < 0 || minInstances > maxInstances) {
            throw new ValidationException("minInstances",
                    "must be between 0 and maxInstances (" + maxInstances + "), was " + minInstances);
        }
        if (initialInstances < 0 || initialInstances > maxInstances) {
            throw new ValidationException("initialInstances",
                    "must be between 0 and maxInstances (" + maxInstances + "), was " + initialInstances);
        }
    }

    /** Concurrency scaling with every default. */
    public static ScalingSpec defaults() {
        return defaults(Metric.CONCURRENCY);
    }

    /** Every default, scaling on {@code metric} with that metric's default target. */
    public static ScalingSpec defaults(Metric metric) {
        return new ScalingSpec(metric, metric.defaultTarget(), 0.7, Duration.ofSeconds(60), 10, 2.0,
                1000, 2, Duration.ZERO, Duration.ofSeconds(30), 0, 100, 1);
    }

    public static Builder builder(Metric metric) {
        return new Builder(defaults(metric));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The panic window in whole seconds, at least 1 s: 60 s × 10% = 6 s; 45 s × 10% = 4.5 s rounds to 5 s.
     */
    public Duration panicWindow() {
        return Duration.ofSeconds(Math.max(1, Math.round(stableWindow.getSeconds() * panicWindowPercent / 100.0)));
    }

    /** What one instance should carry: {@code target × targetUtilisation} (1.0 × 0.7 = 0.7 in flight). */
    public double perInstanceTarget() {
        return target * targetUtilisation;
    }

    /** Instances a deploy starts: the initial count, raised to the floor. */
    public int instancesOnDeploy() {
        return Math.max(initialInstances, minInstances);
    }

    private static void checkRange(String field, double value, double min, double max, String context) {
        if (!(value >= min && value <= max)) {
            throw new ValidationException(field, "must be between " + min + " and " + max + context + ", was " + value);
        }
    }

    private static void checkRate(String field, double value) {
        if (!(value > 1.0 && value <= 10_000)) {
            throw new ValidationException(field, "must be greater than 1.0 and at most 10000, was " + value);
        }
    }

    private static void checkSeconds(String field, Duration value, long minSeconds) {
        if (value == null) {
            throw new ValidationException(field, "is required; whole seconds between " + minSeconds + "s and 3600s");
        }
        if (value.getNano() != 0 || value.getSeconds() < minSeconds || value.compareTo(HOUR) > 0) {
            throw new ValidationException(field, "must be whole seconds between " + minSeconds + "s and 3600s, was "
                    + value.toMillis() / 1000.0 + "s");
        }
    }

    /** Changes a few knobs of a spec; {@link #build()} validates. */
    public static final class Builder {
        private Metric metric;
        private double target;
        private double targetUtilisation;
        private Duration stableWindow;
        private int panicWindowPercent;
        private double panicThreshold;
        private double maxScaleUpRate;
        private double maxScaleDownRate;
        private Duration scaleDownDelay;
        private Duration scaleToZeroGrace;
        private int minInstances;
        private int maxInstances;
        private int initialInstances;

        private Builder(ScalingSpec s) {
            metric = s.metric;
            target = s.target;
            targetUtilisation = s.targetUtilisation;
            stableWindow = s.stableWindow;
            panicWindowPercent = s.panicWindowPercent;
            panicThreshold = s.panicThreshold;
            maxScaleUpRate = s.maxScaleUpRate;
            maxScaleDownRate = s.maxScaleDownRate;
            scaleDownDelay = s.scaleDownDelay;
            scaleToZeroGrace = s.scaleToZeroGrace;
            minInstances = s.minInstances;
            maxInstances = s.maxInstances;
            initialInstances = s.initialInstances;
        }

        public Builder target(double v) { target = v; return this; }
        public Builder targetUtilisation(double v) { targetUtilisation = v; return this; }
        public Builder stableWindow(Duration v) { stableWindow = v; return this; }
        public Builder panicWindowPercent(int v) { panicWindowPercent = v; return this; }
        public Builder panicThreshold(double v) { panicThreshold = v; return this; }
        public Builder maxScaleUpRate(double v) { maxScaleUpRate = v; return this; }
        public Builder maxScaleDownRate(double v) { maxScaleDownRate = v; return this; }
        public Builder scaleDownDelay(Duration v) { scaleDownDelay = v; return this; }
        public Builder scaleToZeroGrace(Duration v) { scaleToZeroGrace = v; return this; }
        public Builder minInstances(int v) { minInstances = v; return this; }
        public Builder maxInstances(int v) { maxInstances = v; return this; }
        public Builder initialInstances(int v) { initialInstances = v; return this; }

        public ScalingSpec build() {
            return new ScalingSpec(metric, target, targetUtilisation, stableWindow, panicWindowPercent, panicThreshold,
                    maxScaleUpRate, maxScaleDownRate, scaleDownDelay, scaleToZeroGrace, minInstances, maxInstances,
                    initialInstances);
        }
    }
}
