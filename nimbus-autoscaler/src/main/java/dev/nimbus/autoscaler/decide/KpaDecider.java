package dev.nimbus.autoscaler.decide;

import dev.nimbus.core.function.ScalingSpec;

import dev.nimbus.autoscaler.decide.Decision.Mode;
import dev.nimbus.autoscaler.window.MetricWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Knative's KPA decider, per function, in this order:
 * <ol>
 * <li>record the metric, weighted by the time since the previous observation (at least 1 s);</li>
 * <li>want = ceil(window average / (target × utilisation)) over the stable and the panic window;
 *     at least 1 while there was traffic in the last stable window; 0 once a full stable window
 *     has been observed without traffic;</li>
 * <li>limit each to [floor(ready / maxScaleDownRate), ceil(ready × maxScaleUpRate)], ready ≥ 1;</li>
 * <li>panic when the panic want ≥ panicThreshold × ready; in panic take the larger of the two and
 *     never less than the panic's peak; leave panic after a full stable window under the threshold;</li>
 * <li>scale-down delay: the highest count decided within the delay;</li>
 * <li>zero: hold one instance for the scale-to-zero grace after zero is first wanted;</li>
 * <li>clamp to [minInstances, maxInstances].</li>
 * </ol>
 * Worked example (defaults, 10 ready, per-instance target 1.0 × 0.7 = 0.7): steady 7 in flight
 * → 7 / 0.7 = 10, stable. A burst to 30: the 6 s panic window sees 7, 7, 30 → 14.67 / 0.7 → 21
 * ≥ 2 × 10, so panic asks for 21 at once while the 60 s average would only ask for 12.
 */
final class KpaDecider implements Decider {

    /** 7 / 0.7 is 10.000000000000002 in binary floating point; ceil would ask for 11 instances. */
    private static final double EPSILON = 1e-9;

    @Override
    public Decision decide(ScalingSpec spec, ScalerState state, Observation obs, Instant now) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(now, "now");
        if (obs.at().isAfter(now)) {
            throw new IllegalArgumentException("observation at " + obs.at() + " is after now " + now);
        }
        ScalerState s = state.fitTo(spec);
        Duration stable = spec.stableWindow();
        MetricWindow window = recordMetric(spec, s, obs);
        Instant lastTraffic = obs.hasTraffic() ? later(obs.at(), s.lastTrafficAt()) : s.lastTrafficAt();
        boolean recentTraffic = lastTraffic != null && now.isBefore(lastTraffic.plus(stable));
        boolean young = now.isBefore(s.observingSince().plus(stable));
        int idleCount = young && s.lastDesired() > 0 ? 1 : 0;
        double stableValue = window.average(now, stable);
        double panicValue = window.average(now, spec.panicWindow());
        int wantStable = recentTraffic ? instancesFor(stableValue, spec) : idleCount;
        int wantPanic = recentTraffic ? instancesFor(panicValue, spec) : idleCount;

        int ready = Math.max(1, obs.readyInstances());
        int maxUp = (int) Math.min(Integer.MAX_VALUE, Math.ceil(spec.maxScaleUpRate() * ready));
        int maxDown = (int) Math.floor(ready / spec.maxScaleDownRate());
        int desiredStable = clamp(wantStable, maxDown, maxUp);
        int desiredPanic = clamp(wantPanic, maxDown, maxUp);

        Panic panic = Panic.next(spec, s, wantPanic >= spec.panicThreshold() * ready, now);
        int desired = panic.active()
                ? Math.max(Math.max(desiredStable, desiredPanic), s.maxPanicInstances())
                : desiredStable;
        int panicPeak = panic.active() ? desired : 0;
        List<String> notes = new ArrayList<>();
        if (!recentTraffic) {
            notes.add(young ? "no traffic yet, observing " + stable.getSeconds() + "s before zero"
                    : "no traffic for " + stable.getSeconds() + "s");
        }
        int want = panic.active() ? Math.max(wantStable, wantPanic) : wantStable;
        if (want > maxUp || want < maxDown) {
            notes.add("rate limit " + maxDown + ".." + maxUp + " from " + ready + " ready");
        }
        notes.add((panic.active() && desired > want ? "panic holds " : "want ") + desired);

        Settled settled = Settled.of(spec, s, desired, now, notes);
        desired = clampToBounds(spec, settled.desired(), notes);
        if (obs.poke()) {
            notes.add("poke");
        }
        ScalerState next = new ScalerState(window, settled.recentDesired(), s.observingSince(), later(obs.at(), s.lastObservationAt()),
                lastTraffic, panic.lastPanicAt(), panicPeak, settled.zeroWantedSince(), desired);
        String head = describeValue(spec, panic.active() ? panicValue : stableValue, panic.active());
        return new Decision(desired, panic.active() ? Mode.PANIC : Mode.STABLE, head + "; " + String.join("; ", notes), next);
    }

    /** Panic bookkeeping: entered or extended at every tick over the threshold, left a stable window after the last. */
    private record Panic(boolean active, Instant lastPanicAt) {
        static Panic next(ScalingSpec spec, ScalerState s, boolean overThreshold, Instant now) {
            if (overThreshold) {
                return new Panic(true, now);
            }
            Instant last = s.lastPanicAt();
            if (last == null || !now.isBefore(last.plus(spec.stableWindow()))) {
                return new Panic(false, null);
            }
            return new Panic(true, last);
        }
    }

    /** Scale-down delay (peak over the delay), then the scale-to-zero grace (hold one instance). */
    private record Settled(int desired, MetricWindow recentDesired, Instant zeroWantedSince) {
        static Settled of(ScalingSpec spec, ScalerState s, int wanted, Instant now, List<String> notes) {
            int desired = wanted;
            MetricWindow recent = s.recentDesired();
            if (!spec.scaleDownDelay().isZero()) {
                recent = recent.record(now, desired);
                int delayed = (int) recent.max(now, spec.scaleDownDelay());
                if (delayed > desired) {
                    notes.add("scale-down delay " + spec.scaleDownDelay().getSeconds() + "s keeps " + delayed);
                    desired = delayed;
                }
            }
            if (desired != 0) {
                return new Settled(desired, recent, null);
            }
            Instant since = s.zeroWantedSince() != null ? s.zeroWantedSince() : now;
            Instant until = since.plus(spec.scaleToZeroGrace());
            if (s.lastDesired() > 0 && now.isBefore(until)) {
                notes.add("scale-to-zero grace keeps 1 until " + until);
                desired = 1;
            }
            return new Settled(desired, recent, since);
        }
    }

    private static MetricWindow recordMetric(ScalingSpec spec, ScalerState s, Observation obs) {
        Duration elapsed = Duration.between(s.lastObservationAt(), obs.at());
        Duration weight = elapsed.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : elapsed.compareTo(spec.stableWindow()) > 0 ? spec.stableWindow() : elapsed;
        double seconds = weight.toNanos() / 1e9;
        double value = switch (spec.metric()) {
            case CONCURRENCY -> obs.concurrency() + obs.queued();
            case RPS -> obs.requests() / seconds; // weighted sum over the window = requests
            case CPU -> obs.cpu();
            case MEMORY -> obs.memory();
        };
        return s.metric().record(obs.at(), value, weight);
    }

    /** At least one instance while there is traffic, whatever the metric says (an I/O-bound function uses little CPU). */
    private static int instancesFor(double value, ScalingSpec spec) {
        double exact = value / spec.perInstanceTarget();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(exact - EPSILON)));
    }

    private static int clamp(int value, int min, int max) {
        return Math.min(Math.max(value, min), max);
    }

    private static int clampToBounds(ScalingSpec spec, int desired, List<String> notes) {
        if (desired < spec.minInstances()) {
            notes.add("raised to minInstances " + spec.minInstances());
            return spec.minInstances();
        }
        if (desired > spec.maxInstances()) {
            notes.add("capped at maxInstances " + spec.maxInstances());
            return spec.maxInstances();
        }
        return desired;
    }

    private static String describeValue(ScalingSpec spec, double value, boolean panic) {
        Duration window = panic ? spec.panicWindow() : spec.stableWindow();
        return String.format(Locale.ROOT, "%s: %.2f %s over %ds / %.2f per instance",
                panic ? "panic" : "stable", value, spec.metric().unit(), window.getSeconds(), spec.perInstanceTarget());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
