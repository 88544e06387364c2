package dev.nimbus.sandbox.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The last samples of one instance, at most {@code capacity}, oldest first, and what they say:
 * CPU utilisation over a span of time, current and peak resident memory.
 *
 * <p>The CPU counter only grows while the same processes live. A sample whose CPU time is below
 * the newest one's (the runtime restarted, or its tree ended and read as zero), or whose time is
 * not after it (the wall clock stepped back), starts a new window holding just that sample:
 * comparing across it would give a negative or meaningless rate.
 *
 * <p>Threading: immutable; {@link #add} returns a new window. The sampling loop keeps the current
 * window of each instance in a field or map it replaces, and readers use whichever they see.
 */
public final class ResourceWindow {
    /** Largest capacity: 30 minutes of samples taken every 2 s would be 900. */
    public static final int MAX_CAPACITY = 4096;

    private final int capacity;
    private final List<ResourceSample> samples;

    private ResourceWindow(int capacity, List<ResourceSample> samples) {
        this.capacity = capacity;
        this.samples = samples;
    }

    /** An empty window keeping at most {@code capacity} samples, 2 to {@link #MAX_CAPACITY}. */
    public static ResourceWindow empty(int capacity) {
        if (capacity < 2 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [2, " + MAX_CAPACITY + "], was " + capacity);
        }
        return new ResourceWindow(capacity, List.of());
    }

    /** This window with {@code sample} as the newest, dropping the oldest when full (or all, on a reset). */
    public ResourceWindow add(ResourceSample sample) {
        Optional<ResourceSample> newest = latest();
        if (newest.isPresent() && (sample.cpuNanos() < newest.get().cpuNanos()
                || !sample.time().isAfter(newest.get().time()))) {
            return new ResourceWindow(capacity, List.of(sample));
        }
        var next = new ArrayList<ResourceSample>(Math.min(samples.size() + 1, capacity));
        next.addAll(samples.size() == capacity ? samples.subList(1, capacity) : samples);
        next.add(sample);
        return new ResourceWindow(capacity, List.copyOf(next));
    }

    /** The samples kept, oldest first. */
    public List<ResourceSample> samples() {
        return samples;
    }

    public Optional<ResourceSample> latest() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.getLast());
    }

    /**
     * CPU used per second of wall time over the last {@code span}, as a fraction of one core:
     * 0.5 is half a core, 2.0 two full cores. It compares the newest sample with the latest one
     * taken at least {@code span} before it, or with the oldest kept when the window is shorter.
     * Example: samples at 0 s (1.0 s of CPU), 2 s (1.5 s) and 4 s (3.5 s); over a span of 2 s the
     * rate is (3.5 - 1.5) / (4 - 2) = 1.0 core, over 4 s or more (3.5 - 1.0) / 4 = 0.625.
     * Empty when the window has fewer than two samples.
     */
    public OptionalDouble cpuUtilisation(Duration span) {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, was " + span);
        }
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        ResourceSample newest = samples.getLast();
        Instant start = newest.time().minus(span);
        ResourceSample base = samples.getFirst();
        for (int i = samples.size() - 2; i >= 0; i--) {
            if (!samples.get(i).time().isAfter(start)) {
                base = samples.get(i);
                break;
            }
        }
        long wallNanos = Duration.between(base.time(), newest.time()).toNanos();
        return OptionalDouble.of((double) (newest.cpuNanos() - base.cpuNanos()) / wallNanos);
    }

    /** Resident memory at the newest sample; empty when there is none. */
    public OptionalLong currentRssBytes() {
        return samples.isEmpty() ? OptionalLong.empty() : OptionalLong.of(samples.getLast().rssBytes());
    }

    /** The most resident memory among the samples kept; empty when there is none. */
    public OptionalLong peakRssBytes() {
        return samples.stream().mapToLong(ResourceSample::rssBytes).max();
    }
}
