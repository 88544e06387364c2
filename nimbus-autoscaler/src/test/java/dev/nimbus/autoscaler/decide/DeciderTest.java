package dev.nimbus.autoscaler.decide;

import dev.nimbus.core.function.ScalingSpec;
import dev.nimbus.core.function.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.autoscaler.decide.Decision.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenarios on a manual clock: deployed at 0 s, the loop ticks every 2 s from 2 s (plus pokes at odd seconds), ready
 * instances follow the last decision at once, and each row checks the decision at given seconds.
 * Expected counts are worked out by hand in the comments (per-instance target 1.0 × 0.7 = 0.7).
 */
class DeciderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Decider DECIDER = Decider.kpa();

    /** Load at second t: in-flight concurrency, requests per second, queued, CPU and memory sums. */
    record Load(double concurrency, double rps, int queued, double cpu, double memory) {
        static Load concurrency(double c) {
            return new Load(c, 0, 0, 0, 0);
        }
    }

    record Check(int at, int desired, Mode mode) {}

    static Check at(int second, int desired) {
        return new Check(second, desired, Mode.STABLE);
    }

    static Check panic(int second, int desired) {
        return new Check(second, desired, Mode.PANIC);
    }

    /** Concurrency {@code before} until second {@code at}, then {@code after}. */
    static IntFunction<Load> step(double before, int at, double after) {
        return t -> Load.concurrency(t < at ? before : after);
    }

    static Arguments row(String name, ScalingSpec spec, int initialReady, IntFunction<Load> load, List<Integer> pokes,
            int until, Check... checks) {
        return Arguments.of(name, spec, initialReady, load, pokes, until, List.of(checks));
    }

    static ScalingSpec.Builder spec() {
        return ScalingSpec.builder(Metric.CONCURRENCY);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // 7 / 0.7 = 10 on every tick; 10 ready, so never 2× over: stable throughout.
                row("steady load holds the count", ScalingSpec.defaults(), 10, step(7, 0, 7), List.of(), 120,
                        at(2, 10), at(60, 10), at(120, 10)),
                // t=62: panic window (56,62] = 7,7,30 → 14.67/0.7 → 21 ≥ 2×10 → panic 21 (stable alone: 12).
                // t=64: 7,30,30 → 32; t=66: 30×3 → 43. Load falls to 7 at 70: panic never scales down.
                // Last over-threshold tick 62, so panic ends at 122: stable (62,122] = 3×30 + 27×7 → 9.3/0.7 → 14,
                // limited to 43/2 → 21; then 21/2 = 10 vs 13 → 13; then 12; then 7/0.7 = 10.
                row("burst panics and scales up fast, decay scales down at the max rate",
                        ScalingSpec.defaults(), 10,
                        t -> Load.concurrency(t < 62 ? 7 : t < 70 ? 30 : 7), List.of(), 140,
                        at(60, 10), panic(62, 21), panic(64, 32), panic(66, 43), panic(72, 43), panic(120, 43),
                        at(122, 21), at(124, 13), at(126, 12), at(128, 10), at(140, 10)),
                // Last traffic at t=8; no traffic in the stable window from t=68 → zero wanted, grace 30 s → 0 at 98.
                row("scale to zero exactly after the grace", ScalingSpec.defaults(), 1, step(0.5, 10, 0), List.of(), 130,
                        at(8, 1), at(66, 1), at(68, 1), at(96, 1), at(98, 0), at(130, 0)),
                // At zero from t=98; a poke at 131 with one queued request: window (125,131] = 0,0,0 (2 s each) and
                // 1 (1 s) → 1/7/0.7 → 1 instance at once.
                row("poke from zero asks for one instance at once", ScalingSpec.defaults(), 1,
                        t -> new Load(t < 10 ? 0.5 : 0, 0, t == 131 ? 1 : 0, 0, 0), List.of(131), 131,
                        at(128, 0), at(130, 0), at(131, 1)),
                // 100 requests queue at 131: (0×6 + 100×1)/7 = 14.29/0.7 → 21 ≥ 2×1 → panic 21 straight from zero.
                row("burst from zero panics", ScalingSpec.defaults(), 1,
                        t -> new Load(t < 10 ? 0.5 : 0, 0, t >= 131 ? 100 : 0, 0, 0), List.of(131), 132,
                        at(130, 0), panic(131, 21)),
                // Initial 0 and no traffic: nothing starts.
                row("zero initial instances stay at zero without traffic", spec().initialInstances(0).build(), 0,
                        step(0, 0, 0), List.of(), 100, at(2, 0), at(60, 0), at(100, 0)),
                // Deployed with 1 and never called: kept a stable window (60 s), then the 30 s grace → 0 at 90.
                row("an unused deployment keeps its instance for a stable window and the grace",
                        ScalingSpec.defaults(), 1, step(0, 0, 0), List.of(), 100, at(58, 1), at(60, 1), at(88, 1), at(90, 0)),
                // 70 / 0.7 = 100 ≥ 2 × 5 ready, so panic, but capped at 5 throughout.
                row("max clamp", spec().maxInstances(5).build(), 5, step(70, 0, 70), List.of(), 20, panic(2, 5), panic(20, 5)),
                // min 2: never below it, never zero.
                row("min clamp", spec().minInstances(2).build(), 2, step(0.5, 10, 0), List.of(), 200,
                        at(2, 2), at(100, 2), at(200, 2)),
                // Up rate 2: ceil(2 × ready) per decision → 2, 4, 8 (want 100, and no panic exemption).
                row("scale-up rate limit", spec().maxScaleUpRate(2).build(), 1, step(70, 0, 70), List.of(), 8,
                        panic(2, 2), panic(4, 4), panic(6, 8), panic(8, 16)),
                // RPS target 10 × 0.7 = 7/s per instance: 35/s → 5 instances; 70/s → 10 after a stable window.
                row("rps metric", ScalingSpec.defaults(Metric.RPS), 5,
                        t -> new Load(1, t < 60 ? 35 : 70, 0, 0, 0), List.of(), 130, at(58, 5), at(130, 10)),
                // CPU sum 2.8 over 4 instances at 0.7 each → 4; 4.2 → 6 once the stable window holds only 4.2.
                row("cpu metric", ScalingSpec.defaults(Metric.CPU), 4,
                        t -> new Load(1, 0, 0, t < 60 ? 2.8 : 4.2, 0), List.of(), 130, at(58, 4), at(130, 6)),
                // Memory sum 1.4 → 2, and at least one instance while traffic flows even at 0 memory.
                row("memory metric", ScalingSpec.defaults(Metric.MEMORY), 2,
                        t -> new Load(1, 0, 0, 0, t < 30 ? 1.4 : 0), List.of(), 100, at(28, 2), at(100, 1)),
                // Stable window 6 s, load 7 → 3.5 at t=20. Without delay: (14,20] = 7,7,3.5 → 9; then 7; then 5.
                row("without scale-down delay", spec().stableWindow(Duration.ofSeconds(6)).build(), 10,
                        step(7, 20, 3.5), List.of(), 44, at(18, 10), at(20, 9), at(22, 7), at(24, 5), at(44, 5)),
                // Delay 20 s: the highest count of the last 20 s: 10 (t=18) until 36, then 9, 7, 5.
                row("scale-down delay keeps the recent peak", spec().stableWindow(Duration.ofSeconds(6))
                                .scaleDownDelay(Duration.ofSeconds(20)).build(), 10,
                        step(7, 20, 3.5), List.of(), 44, at(20, 10), at(36, 10), at(38, 9), at(40, 7), at(42, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, ScalingSpec spec, int initialReady, IntFunction<Load> load, List<Integer> pokes,
            int until, List<Check> checks) {
        Map<Integer, Decision> trace = run(spec, initialReady, load, pokes, until);
        for (Check check : checks) {
            Decision d = trace.get(check.at());
            assertThat(d).as("decision at %ds", check.at()).isNotNull();
            assertThat(d.desiredInstances()).as("desired at %ds: %s", check.at(), d.reason()).isEqualTo(check.desired());
            assertThat(d.mode()).as("mode at %ds: %s", check.at(), d.reason()).isEqualTo(check.mode());
        }
    }

    static Map<Integer, Decision> run(ScalingSpec spec, int initialReady, IntFunction<Load> load, List<Integer> pokes,
            int until) {
        TreeSet<Integer> times = new TreeSet<>(pokes);
        for (int t = 2; t <= until; t += 2) {
            times.add(t);
        }
        ScalerState state = ScalerState.initial(spec, T0);
        int ready = initialReady;
        int previous = 0;
        Map<Integer, Decision> trace = new TreeMap<>();
        for (int t : times) {
            Load l = load.apply(t);
            Instant at = T0.plusSeconds(t);
            Observation obs = Observation.of(at, l.concurrency(), Math.round(l.rps() * (t - previous)), ready, l.queued())
                    .withUtilisation(l.cpu(), l.memory());
            Decision d = DECIDER.decide(spec, state, pokes.contains(t) ? obs.asPoke() : obs, at);
            trace.put(t, d);
            state = d.next();
            ready = d.desiredInstances();
            previous = t;
        }
        return trace;
    }

    @Test
    void sameInputsGiveTheSameDecision() {
        ScalerState state = ScalerState.initial(ScalingSpec.defaults(), T0);
        Observation obs = Observation.of(T0.plusSeconds(2), 7, 10, 1, 0);
        Decision a = DECIDER.decide(ScalingSpec.defaults(), state, obs, obs.at());
        Decision b = DECIDER.decide(ScalingSpec.defaults(), state, obs, obs.at());
        assertThat(a).isEqualTo(b);
        assertThat(state).isEqualTo(ScalerState.initial(ScalingSpec.defaults(), T0));
    }

    @Test
    void reasonGivesTheFigures() {
        ScalerState state = ScalerState.initial(ScalingSpec.defaults(), T0);
        Decision d = DECIDER.decide(ScalingSpec.defaults(), state, Observation.of(T0, 7, 0, 10, 0), T0);
        assertThat(d.reason()).isEqualTo("stable: 7.00 in-flight invocations over 60s / 0.70 per instance; want 10");
    }

    @Test
    void panicReasonAndCapAreExplained() {
        ScalingSpec spec = spec().maxInstances(5).build();
        ScalerState state = ScalerState.initial(spec, T0);
        Decision d = DECIDER.decide(spec, state, Observation.of(T0, 70, 0, 1, 0), T0);
        assertThat(d.mode()).isEqualTo(Mode.PANIC);
        assertThat(d.reason()).startsWith("panic: 70.00 in-flight invocations over 6s")
                .contains("want 100").endsWith("capped at maxInstances 5");
        assertThat(d.next().panicking()).isTrue();
    }

    @Test
    void observationAfterNowIsRejected() {
        ScalerState state = ScalerState.initial(ScalingSpec.defaults(), T0);
        Observation obs = Observation.of(T0.plusSeconds(1), 0, 0, 0, 0);
        assertThatThrownBy(() -> DECIDER.decide(ScalingSpec.defaults(), state, obs, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is after now");
    }

    @Test
    void changedStableWindowResizesTheState() {
        ScalingSpec wide = ScalingSpec.defaults();
        ScalingSpec narrow = spec().stableWindow(Duration.ofSeconds(10)).build();
        ScalerState state = ScalerState.initial(wide, T0);
        List<Decision> decisions = new ArrayList<>();
        int ready = 10;
        for (int t = 2; t <= 60; t += 2) {
            Observation obs = Observation.of(T0.plusSeconds(t), t < 40 ? 7 : 0.7, 0, ready, 0);
            Decision d = DECIDER.decide(t < 40 ? wide : narrow, state, obs, obs.at());
            decisions.add(d);
            state = d.next();
            ready = d.desiredInstances();
        }
        // After 10 s of 0.7 in flight the narrow window sees only 0.7 → 1, though the old samples were 7.
        assertThat(decisions.getLast().desiredInstances()).isEqualTo(1);
        assertThat(state.metric().span()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void observationRejectsNegativeFigures() {
        assertThatThrownBy(() -> Observation.of(T0, -1, 0, 0, 0)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> Observation.of(T0, 0, 0, -1, 0)).hasMessageContaining("readyInstances");
        assertThatThrownBy(() -> Observation.of(T0, 0, 0, 0, 0).withUtilisation(Double.NaN, 0)).hasMessageContaining("cpu");
    }
}
