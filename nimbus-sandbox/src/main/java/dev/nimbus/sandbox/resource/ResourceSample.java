package dev.nimbus.sandbox.resource;

import java.time.Instant;
import java.util.Objects;

/**
 * What an instance had used at {@code time}: the CPU time its processes have consumed since they
 * started (a counter that only grows while they live), and the memory resident right now.
 *
 * @param time     when the sample was read
 * @param cpuNanos CPU time (user + system) used so far, in nanoseconds
 * @param rssBytes resident memory at {@code time}, in bytes
 */
public record ResourceSample(Instant time, long cpuNanos, long rssBytes) {
    public ResourceSample {
        Objects.requireNonNull(time, "time");
        if (cpuNanos < 0) {
            throw new IllegalArgumentException("cpuNanos must be >= 0, was " + cpuNanos);
        }
        if (rssBytes < 0) {
            throw new IllegalArgumentException("rssBytes must be >= 0, was " + rssBytes);
        }
    }
}
