package dev.nimbus.sandbox.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceWindowTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static ResourceSample at(double seconds, double cpuSeconds, long rssMb) {
        return new ResourceSample(T0.plusMillis(Math.round(seconds * 1000)), Math.round(cpuSeconds * 1e9), rssMb << 20);
    }

    private static ResourceWindow window(int capacity, ResourceSample... samples) {
        ResourceWindow window = ResourceWindow.empty(capacity);
        for (ResourceSample s : samples) {
            window = window.add(s);
        }
        return window;
    }

    private static double cpu(ResourceWindow window, double spanSeconds) {
        return window.cpuUtilisation(Duration.ofMillis(Math.round(spanSeconds * 1000))).orElseThrow();
    }

    /** The worked example of {@link ResourceWindow#cpuUtilisation}. */
    @ParameterizedTest(name = "over {0} s: {1} cores")
    @CsvSource({"1, 1.0", "2, 1.0", "3, 0.625", "4, 0.625", "60, 0.625"})
    void utilisationComparesTheNewestSampleWithTheLatestOneAtLeastTheSpanBefore(double span, double cores) {
        ResourceWindow window = window(10, at(0, 1.0, 50), at(2, 1.5, 50), at(4, 3.5, 50));

        assertThat(cpu(window, span)).isCloseTo(cores, within(1e-9));
    }

    @Test
    void utilisationIsAFractionOfOneCoreSoTwoBusyCoresReadTwo() {
        assertThat(cpu(window(10, at(0, 0, 1), at(2, 4, 1)), 2)).isCloseTo(2.0, within(1e-9));
        assertThat(cpu(window(10, at(0, 5, 1), at(2, 5, 1)), 2)).as("idle").isZero();
    }

    @Test
    void utilisationNeedsTwoSamples() {
        assertThat(window(10).cpuUtilisation(Duration.ofSeconds(6))).isEmpty();
        assertThat(window(10, at(0, 1, 1)).cpuUtilisation(Duration.ofSeconds(6))).isEmpty();
    }

    @Test
    void aFullWindowDropsItsOldestSample() {
        ResourceWindow window = window(3, at(0, 0, 900), at(2, 2, 10), at(4, 2, 20), at(6, 2, 30));

        assertThat(window.samples()).extracting(ResourceSample::time)
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(4), T0.plusSeconds(6));
        assertThat(cpu(window, 60)).as("the busy first 2 s are forgotten").isZero();
        assertThat(window.peakRssBytes()).hasValue(30L << 20);
    }

    @Test
    void aCpuCounterThatGoesBackStartsANewWindow() {
        ResourceWindow beforeRestart = window(10, at(0, 10, 500), at(2, 12, 800));

        ResourceWindow restarted = beforeRestart.add(at(4, 0.1, 40));

        assertThat(restarted.samples()).containsExactly(at(4, 0.1, 40));
        assertThat(restarted.cpuUtilisation(Duration.ofSeconds(60))).as("no rate across a restart").isEmpty();
        assertThat(restarted.peakRssBytes()).as("the old process's peak is gone with it").hasValue(40L << 20);
        assertThat(cpu(restarted.add(at(6, 1.1, 40)), 60)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aSampleNotLaterThanTheNewestStartsANewWindow() {
        ResourceWindow window = window(10, at(0, 1, 1), at(10, 2, 1));

        assertThat(window.add(at(5, 3, 1)).samples()).as("clock stepped back").containsExactly(at(5, 3, 1));
        assertThat(window.add(at(10, 3, 1)).samples()).containsExactly(at(10, 3, 1));
    }

    @Test
    void memoryIsTheNewestSamplesAndThePeakOfThoseKept() {
        ResourceWindow window = window(10, at(0, 0, 100), at(2, 0, 300), at(4, 0, 200));

        assertThat(window.currentRssBytes()).hasValue(200L << 20);
        assertThat(window.peakRssBytes()).hasValue(300L << 20);
        assertThat(ResourceWindow.empty(2).currentRssBytes()).isEqualTo(OptionalLong.empty());
        assertThat(ResourceWindow.empty(2).peakRssBytes()).isEmpty();
    }

    @Test
    void addingLeavesTheWindowItWasCalledOnUnchanged() {
        ResourceWindow one = window(2, at(0, 0, 1));

        one.add(at(2, 1, 1)).add(at(4, 2, 1));

        assertThat(one.samples()).containsExactly(at(0, 0, 1));
        assertThat(one.cpuUtilisation(Duration.ofSeconds(1))).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void badCapacityAndSpanAreRejectedWithTheValue() {
        assertThatThrownBy(() -> ResourceWindow.empty(1)).hasMessage("capacity must be in [2, 4096], was 1");
        assertThatThrownBy(() -> ResourceWindow.empty(4097)).hasMessage("capacity must be in [2, 4096], was 4097");
        assertThatThrownBy(() -> window(2).cpuUtilisation(Duration.ZERO)).hasMessage("span must be positive, was PT0S");
    }
}
