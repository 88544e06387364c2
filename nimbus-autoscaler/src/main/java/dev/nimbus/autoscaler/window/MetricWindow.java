package dev.nimbus.autoscaler.window;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable series of per-second buckets covering at most {@link #span()}: {@link #record}
 * returns a new window and leaves this one untouched, so a window can sit in an immutable
 * decider state. Equal samples make equal windows.
 *
 * <p>Each sample carries a weight, the seconds it stands for. A level (in-flight invocations,
 * CPU) observed every 2 s is recorded with weight 2 s; a poke 0.4 s after a tick with weight 1 s
 * (weights below one bucket are the caller's to round up). {@link #average} is the weighted mean
 * of the samples in the window, so irregular observations do not skew it: samples 7 (2 s) and
 * 30 (1 s) average to (14 + 30) / 3 = 14.67, not 18.5.
 *
 * <p>Bucket {@code s} holds the samples whose timestamp falls in second {@code s} (epoch seconds).
 * A window of {@code w} seconds at {@code now} covers the buckets {@code now-w < s <= now}.
 * A sample older than the newest bucket is counted in the newest bucket (clocks may step back;
 * the sample is not lost). Memory is bounded by {@code span} buckets: recording drops buckets
 * that fall out of the span of the newest one.
 */
public final class MetricWindow {

    private record Bucket(long second, double weightedSum, double weight, double peak) {
        Bucket add(double value, double w) {
            return new Bucket(second, weightedSum + value * w, weight + w, Math.max(peak, value));
        }
    }

    private static final Bucket[] NONE = new Bucket[0];

    private final long spanSeconds;
    private final Bucket[] buckets; // ascending by second, all within spanSeconds of the last

    private MetricWindow(long spanSeconds, Bucket[] buckets) {
        this.spanSeconds = spanSeconds;
        this.buckets = buckets;
    }

    /** An empty window that keeps {@code span} (a whole number of seconds, at least 1 s). */
    public static MetricWindow of(Duration span) {
        return new MetricWindow(wholeSeconds(span, "span"), NONE);
    }

    public Duration span() {
        return Duration.ofSeconds(spanSeconds);
    }

    /** Buckets currently held; never more than the span in seconds. */
    public int bucketCount() {
        return buckets.length;
    }

    /** Records {@code value} standing for one second at {@code at}. */
    public MetricWindow record(Instant at, double value) {
        return record(at, value, Duration.ofSeconds(1));
    }

    /** Records {@code value} standing for {@code weight} at {@code at}; value finite, weight positive. */
    public MetricWindow record(Instant at, double value, Duration weight) {
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (weight.isNegative() || weight.isZero()) {
            throw new IllegalArgumentException("weight must be positive, was " + weight);
        }
        double w = weight.toNanos() / 1e9;
        long second = at.getEpochSecond();
        int n = buckets.length;
        if (n > 0 && second <= buckets[n - 1].second()) {
            Bucket[] copy = buckets.clone();
            copy[n - 1] = copy[n - 1].add(value, w);
            return new MetricWindow(spanSeconds, copy);
        }
        int keepFrom = 0;
        while (keepFrom < n && buckets[keepFrom].second() <= second - spanSeconds) {
            keepFrom++;
        }
        Bucket[] next = Arrays.copyOfRange(buckets, keepFrom, n + 1);
        next[next.length - 1] = new Bucket(second, 0, 0, value).add(value, w);
        return new MetricWindow(spanSeconds, next);
    }

    /** Weighted mean of the samples in the last {@code window} at {@code now}; 0 when there are none. */
    public double average(Instant now, Duration window) {
        double sum = 0;
        double weight = 0;
        long to = now.getEpochSecond();
        long from = to - checkWindow(window);
        for (int i = buckets.length - 1; i >= 0 && buckets[i].second() > from; i--) {
            if (buckets[i].second() <= to) {
                sum += buckets[i].weightedSum();
                weight += buckets[i].weight();
            }
        }
        return weight == 0 ? 0 : sum / weight;
    }

    /** Largest sample in the last {@code window} at {@code now}; 0 when there are none. */
    public double max(Instant now, Duration window) {
        double peak = 0;
        long to = now.getEpochSecond();
        long from = to - checkWindow(window);
        for (int i = buckets.length - 1; i >= 0 && buckets[i].second() > from; i--) {
            if (buckets[i].second() <= to) {
                peak = Math.max(peak, buckets[i].peak());
            }
        }
        return peak;
    }

    /** The same samples kept for a different span (buckets beyond a shorter span are dropped). */
    public MetricWindow withSpan(Duration span) {
        long seconds = wholeSeconds(span, "span");
        if (seconds == spanSeconds) {
            return this;
        }
        int n = buckets.length;
        int keepFrom = 0;
        while (keepFrom < n && buckets[keepFrom].second() <= buckets[n - 1].second() - seconds) {
            keepFrom++;
        }
        return new MetricWindow(seconds, Arrays.copyOfRange(buckets, keepFrom, n));
    }

    private long checkWindow(Duration window) {
        long seconds = wholeSeconds(window, "window");
        if (seconds > spanSeconds) {
            throw new IllegalArgumentException("window " + seconds + "s is longer than the span " + spanSeconds + "s");
        }
        return seconds;
    }

    private static long wholeSeconds(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.getNano() != 0 || d.getSeconds() < 1) {
            throw new IllegalArgumentException(what + " must be a whole number of seconds, at least 1s, was " + d);
        }
        return d.getSeconds();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricWindow w && w.spanSeconds == spanSeconds && Arrays.equals(w.buckets, buckets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spanSeconds) * 31 + Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
        return "MetricWindow[span=" + spanSeconds + "s, buckets=" + buckets.length + "]";
    }
}
