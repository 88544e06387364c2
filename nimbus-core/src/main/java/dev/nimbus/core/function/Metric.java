package dev.nimbus.core.function;

/**
 * The signal a function scales on, with the per-instance target a function gets unless it sets
 * one, and the range a target may take.
 */
public enum Metric {
    /** In-flight plus queued invocations. One invocation per instance, so 1.0 per instance. */
    CONCURRENCY(1.0, 0.01, 1000, "in-flight invocations"),
    /**
     * Requests per second. 10/s per instance: an instance serves one invocation at a time, so at
     * a typical 100 ms it saturates at 10/s (Knative's 200 assumes many requests per pod).
     */
    RPS(10.0, 0.01, 100_000, "requests/s"),
    /** Sum over instances of CPU used / CPU allowance; 1.0 is one instance's full allowance. */
    CPU(1.0, 0.01, 1.0, "CPU utilisation"),
    /** Sum over instances of resident memory / memory limit; 1.0 is one instance's full limit. */
    MEMORY(1.0, 0.01, 1.0, "memory utilisation");

    private final double defaultTarget;
    private final double minTarget;
    private final double maxTarget;
    private final String unit;

    Metric(double defaultTarget, double minTarget, double maxTarget, String unit) {
        this.defaultTarget = defaultTarget;
        this.minTarget = minTarget;
        this.maxTarget = maxTarget;
        this.unit = unit;
    }

    public double defaultTarget() {
        return defaultTarget;
    }

    public double minTarget() {
        return minTarget;
    }

    public double maxTarget() {
        return maxTarget;
    }

    /** What the metric's values count, for decision reasons. */
    public String unit() {
        return unit;
    }
}
