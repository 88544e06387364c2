package dev.nimbus.autoscaler.decide;

import java.time.Instant;
import java.util.Objects;

/**
 * What the scaler loop saw of one function at {@code at}.
 *
 * @param at             when it was observed
 * @param concurrency    in-flight invocations: the mean since the previous observation, or a sample
 * @param requests       requests that arrived since the previous observation (queued ones included)
 * @param readyInstances instances able to take an invocation now (idle or busy, not starting)
 * @param queued         requests waiting for an instance
 * @param cpu            sum over the function's instances of CPU used / CPU allowance (0 if not measured)
 * @param memory         sum over the function's instances of resident memory / limit (0 if not measured)
 * @param poke           a request found no capacity: decide now rather than at the next tick
 */
public record Observation(
        Instant at,
        double concurrency,
        long requests,
        int readyInstances,
        int queued,
        double cpu,
        double memory,
        boolean poke) {

    public Observation {
        Objects.requireNonNull(at, "at");
        requireNonNegative("concurrency", concurrency);
        requireNonNegative("cpu", cpu);
        requireNonNegative("memory", memory);
        if (requests < 0 || readyInstances < 0 || queued < 0) {
            throw new IllegalArgumentException("requests, readyInstances and queued must be >= 0, were "
                    + requests + ", " + readyInstances + ", " + queued);
        }
    }

    /** A tick's observation without resource figures. */
    public static Observation of(Instant at, double concurrency, long requests, int readyInstances, int queued) {
        return new Observation(at, concurrency, requests, readyInstances, queued, 0, 0, false);
    }

    public Observation withUtilisation(double cpu, double memory) {
        return new Observation(at, concurrency, requests, readyInstances, queued, cpu, memory, poke);
    }

    public Observation asPoke() {
        return new Observation(at, concurrency, requests, readyInstances, queued, cpu, memory, true);
    }

    /** Whether anyone asked the function for anything since the previous observation. */
    public boolean hasTraffic() {
        return poke || concurrency > 0 || requests > 0 || queued > 0;
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite value >= 0, was " + value);
        }
    }
}
