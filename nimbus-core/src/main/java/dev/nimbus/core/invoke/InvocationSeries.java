package dev.nimbus.core.invoke;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each function's invocations over the last hour in 10-second steps, for charts: how many, how
 * many failed or were throttled, cold starts, duration percentiles and the instance count.
 *
 * <p>Durations are counted in buckets whose bounds grow by a fifth from 0.1 ms to about 2 hours
 * (101 buckets), so a percentile is known to within 20 %: a p99 of "120 ms" means the slowest
 * 1 % took more than 100 ms and at most 120 ms. A percentile reads as its bucket's upper bound,
 * but never above the slowest invocation of the step.
 *
 * <p>Memory: 360 steps per function; a step that saw invocations holds 101 counts, so a busy
 * function keeps about 150 KB.
 *
 * <p>Threading: any thread; each function's steps sit behind their own monitor.
 */
public final class InvocationSeries implements InvocationRecords.Listener {
    public static final Duration STEP = Duration.ofSeconds(10);
    public static final Duration WINDOW = Duration.ofHours(1);
    private static final int STEPS = (int) (WINDOW.getSeconds() / STEP.getSeconds());
    private static final double[] BOUNDS_MS = bounds();
    private final InstantSource clock;
    private final Map<String, Steps> byFunction = new ConcurrentHashMap<>();

    public InvocationSeries(InstantSource clock) {
        this.clock = clock;
    }

    /** Counts one finished invocation in the step it arrived in. */
    @Override
    public void added(InvocationRecord record) {
        steps(record.function()).add(record);
    }

    /** Notes how many instances the function has now; a step shows the most it saw. */
    public void instances(String function, int count) {
        steps(function).instances(clock.instant(), count);
    }

    /** The function's last {@code window} (at most an hour) in steps, oldest first, the current one last. */
    public List<Point> points(String function, Duration window) {
        long now = stepOf(clock.instant());
        int n = (int) Math.max(1, Math.min(STEPS, window.getSeconds() / STEP.getSeconds()));
        Steps steps = byFunction.get(function);
        var out = new ArrayList<Point>(n);
        for (long s = now - n + 1; s <= now; s++) {
            out.add(steps == null ? Point.empty(s * STEP.getSeconds()) : steps.point(s));
        }
        return out;
    }

    @Override
    public void forgotten(String function) {
        byFunction.remove(function);
    }

    private Steps steps(String function) {
        return byFunction.computeIfAbsent(function, f -> new Steps());
    }

    private static long stepOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), STEP.getSeconds());
    }

    /** 0.1 ms, 0.12, 0.144, … each a fifth above the last, to past 2 hours. */
    private static double[] bounds() {
        var b = new ArrayList<Double>();
        for (double ms = 0.1; ms < 7_200_000; ms *= 1.2) {
            b.add(ms);
        }
        b.add(Double.MAX_VALUE);
        return b.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static int bucketOf(double ms) {
        int lo = 0, hi = BOUNDS_MS.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (BOUNDS_MS[mid] >= ms) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * One step of a function's chart.
     *
     * @param t           the step's start, epoch seconds
     * @param invocations invocations that arrived in it, throttled ones included
     * @param errors      those that failed (function, init, timeout or platform errors)
     * @param throttles   those refused for lack of capacity
     * @param coldStarts  those that waited for a new instance
     * @param p50Ms       median duration of those that ran, null when none did
     * @param p99Ms       99th percentile duration, null when none ran
     * @param instances   the most instances seen during the step
     */
    public record Point(long t, long invocations, long errors, long throttles, long coldStarts, Double p50Ms,
                        Double p99Ms, int instances) {
        static Point empty(long t) {
            return new Point(t, 0, 0, 0, 0, null, null, 0);
        }
    }

    /** A ring of the last hour's steps of one function. */
    private static final class Steps {
        private final Step[] ring = new Step[STEPS];

        synchronized void add(InvocationRecord r) {
            Step step = at(stepOf(r.arrived()));
            if (step == null) {
                return;
            }
            step.invocations++;
            if (r.failed()) {
                step.errors++;
            }
            if (r.outcome() == InvocationRecord.Outcome.THROTTLED) {
                step.throttles++;
                return;
            }
            if (r.start() == InvocationRecord.StartKind.COLD) {
                step.coldStarts++;
            }
            double ms = r.duration().toNanos() / 1e6;
            if (step.durations == null) {
                step.durations = new int[BOUNDS_MS.length];
            }
            step.durations[bucketOf(ms)]++;
            step.ran++;
            step.maxMs = Math.max(step.maxMs, ms);
        }

        synchronized void instances(Instant now, int count) {
            Step step = at(stepOf(now));
            if (step == null) {
                return;
            }
            step.instances = Math.max(step.instances, count);
        }

        synchronized Point point(long index) {
            Step step = ring[(int) Math.floorMod(index, STEPS)];
            if (step == null || step.index != index) {
                return Point.empty(index * STEP.getSeconds());
            }
            return new Point(index * STEP.getSeconds(), step.invocations, step.errors, step.throttles, step.coldStarts,
                    step.percentile(0.50), step.percentile(0.99), step.instances);
        }

        /**
         * The step for {@code index}, reusing the slot of the step an hour before it; null when the
         * slot holds a later step already (an invocation that arrived over an hour ago).
         */
        private Step at(long index) {
            int slot = (int) Math.floorMod(index, STEPS);
            Step step = ring[slot];
            if (step != null && step.index > index) {
                return null;
            }
            if (step == null || step.index != index) {
                step = new Step(index);
                ring[slot] = step;
            }
            return step;
        }
    }

    private static final class Step {
        final long index;
        long invocations, errors, throttles, coldStarts, ran;
        int instances;
        int[] durations;
        double maxMs;

        Step(long index) {
            this.index = index;
        }

        /** The upper bound of the bucket holding the {@code q} quantile, at most the slowest; null when none ran. */
        Double percentile(double q) {
            if (ran == 0) {
                return null;
            }
            long rank = (long) Math.ceil(q * ran);
            long seen = 0;
            for (int i = 0; i < durations.length; i++) {
                seen += durations[i];
                if (seen >= rank) {
                    return Math.round(Math.min(BOUNDS_MS[i], maxMs) * 100) / 100.0;
                }
            }
            return maxMs;
        }
    }
}
