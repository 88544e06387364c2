package dev.nimbus.core.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScalingSpecTest {

    @Test
    void defaultsFollowKnativeWithOneInvocationPerInstance() {
        ScalingSpec s = ScalingSpec.defaults();
        assertThat(s.metric()).isEqualTo(Metric.CONCURRENCY);
        assertThat(s.target()).isEqualTo(1.0);
        assertThat(s.targetUtilisation()).isEqualTo(0.7);
        assertThat(s.stableWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.panicWindow()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.panicThreshold()).isEqualTo(2.0);
        assertThat(s.maxScaleUpRate()).isEqualTo(1000);
        assertThat(s.maxScaleDownRate()).isEqualTo(2);
        assertThat(s.scaleDownDelay()).isZero();
        assertThat(s.scaleToZeroGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.minInstances()).isZero();
        assertThat(s.maxInstances()).isEqualTo(100);
        assertThat(s.initialInstances()).isEqualTo(1);
        assertThat(ScalingSpec.defaults(Metric.RPS).target()).isEqualTo(10);
        assertThat(ScalingSpec.defaults(Metric.CPU).target()).isEqualTo(1.0);
        assertThat(ScalingSpec.builder(Metric.CONCURRENCY).build()).isEqualTo(s);
    }

    @Test
    void derivedValues() {
        ScalingSpec s = ScalingSpec.builder(Metric.CONCURRENCY).stableWindow(Duration.ofSeconds(45))
                .minInstances(3).build();
        assertThat(s.panicWindow()).isEqualTo(Duration.ofSeconds(5)); // 4.5 s rounds to 5
        assertThat(s.instancesOnDeploy()).isEqualTo(3);
        assertThat(s.perInstanceTarget()).isEqualTo(0.7);
        assertThat(s.toBuilder().panicWindowPercent(1).build().panicWindow()).isEqualTo(Duration.ofSeconds(1));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("target", b -> b.target(0), "target must be between 0.01 and 1000.0 for metric CONCURRENCY, was 0.0"),
                bad("target", b -> b.target(Double.NaN), "was NaN"),
                badCpu(b -> b.target(1.5), "target must be between 0.01 and 1.0 for metric CPU, was 1.5"),
                bad("targetUtilisation", b -> b.targetUtilisation(1.2), "targetUtilisation must be between 0.01 and 1.0, was 1.2"),
                bad("stableWindow", b -> b.stableWindow(Duration.ofSeconds(5)), "stableWindow must be whole seconds between 6s and 3600s, was 5.0s"),
                bad("stableWindow", b -> b.stableWindow(Duration.ofMillis(6500)), "was 6.5s"),
                bad("stableWindow", b -> b.stableWindow(Duration.ofHours(2)), "was 7200.0s"),
                bad("stableWindow", b -> b.stableWindow(null), "stableWindow is required"),
                bad("panicWindowPercent", b -> b.panicWindowPercent(0), "panicWindowPercent must be between 1 and 100, was 0"),
                bad("panicWindowPercent", b -> b.panicWindowPercent(101), "was 101"),
                bad("panicThreshold", b -> b.panicThreshold(1.0), "panicThreshold must be between 1.1 and 10.0, was 1.0"),
                bad("maxScaleUpRate", b -> b.maxScaleUpRate(1.0), "maxScaleUpRate must be greater than 1.0 and at most 10000, was 1.0"),
                bad("maxScaleDownRate", b -> b.maxScaleDownRate(0.5), "maxScaleDownRate must be greater than 1.0 and at most 10000, was 0.5"),
                bad("scaleDownDelay", b -> b.scaleDownDelay(Duration.ofSeconds(-1)), "scaleDownDelay must be whole seconds between 0s and 3600s, was -1.0s"),
                bad("scaleToZeroGrace", b -> b.scaleToZeroGrace(Duration.ofMinutes(61)), "scaleToZeroGrace must be whole seconds between 0s and 3600s, was 3660.0s"),
                bad("maxInstances", b -> b.maxInstances(0), "maxInstances must be between 1 and 1000, was 0"),
                bad("maxInstances", b -> b.maxInstances(1001), "was 1001"),
                bad("minInstances", b -> b.minInstances(-1), "minInstances must be between 0 and maxInstances (100), was -1"),
                bad("minInstances", b -> b.maxInstances(5).minInstances(6), "minInstances must be between 0 and maxInstances (5), was 6"),
                bad("initialInstances", b -> b.maxInstances(5).initialInstances(6), "initialInstances must be between 0 and maxInstances (5), was 6"));
    }

    static Arguments bad(String field, UnaryOperator<ScalingSpec.Builder> change, String message) {
        return Arguments.of(field, Metric.CONCURRENCY, change, message);
    }

    static Arguments badCpu(UnaryOperator<ScalingSpec.Builder> change, String message) {
        return Arguments.of("target", Metric.CPU, change, message);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("invalid")
    void invalidKnobsAreRejectedNamingFieldRangeAndValue(String field, Metric metric,
            UnaryOperator<ScalingSpec.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(ScalingSpec.builder(metric)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void metricIsRequired() {
        assertThatThrownBy(() -> new ScalingSpec(null, 1, 0.7, Duration.ofSeconds(60), 10, 2, 1000, 2, Duration.ZERO,
                Duration.ofSeconds(30), 0, 100, 1)).isInstanceOf(ValidationException.class).hasMessageContaining("metric is required");
    }
}
