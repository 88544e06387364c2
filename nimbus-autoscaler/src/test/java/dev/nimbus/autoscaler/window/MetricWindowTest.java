package dev.nimbus.autoscaler.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SIX = Duration.ofSeconds(6);

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void emptyWindowAveragesToZero() {
        assertThat(MetricWindow.of(Duration.ofSeconds(60)).average(T0, SIX)).isZero();
        assertThat(MetricWindow.of(Duration.ofSeconds(60)).max(T0, SIX)).isZero();
    }

    @Test
    void averageIsWeightedByTheSecondsEachSampleStandsFor() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(60))
                .record(at(2), 7, Duration.ofSeconds(2))
                .record(at(3), 30, Duration.ofSeconds(1));
        assertThat(w.average(at(3), SIX)).isCloseTo(44.0 / 3, within(1e-9));
        assertThat(w.max(at(3), SIX)).isEqualTo(30);
    }

    @Test
    void windowCoversTheLastSecondsUpToNowOnly() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(60))
                .record(at(10), 100).record(at(12), 4).record(at(16), 8);
        // (10,16] holds 12 and 16; 10 has just left.
        assertThat(w.average(at(16), SIX)).isEqualTo(6);
        // (9,15] holds 10 and 12; 16 is after now.
        assertThat(w.average(at(15), SIX)).isEqualTo(52);
        assertThat(w.average(at(30), SIX)).isZero();
    }

    @Test
    void samplesInOneSecondShareABucket() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(10)).record(at(5.1), 2).record(at(5.9), 4);
        assertThat(w.bucketCount()).isEqualTo(1);
        assertThat(w.average(at(5), Duration.ofSeconds(1))).isEqualTo(3);
    }

    @Test
    void memoryIsBoundedByTheSpan() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(10));
        for (int s = 0; s < 1000; s++) {
            w = w.record(at(s), s);
        }
        assertThat(w.bucketCount()).isEqualTo(10);
        assertThat(w.average(at(999), Duration.ofSeconds(10))).isEqualTo(994.5);
    }

    @Test
    void recordingLeavesTheOriginalUntouched() {
        MetricWindow empty = MetricWindow.of(Duration.ofSeconds(10));
        MetricWindow one = empty.record(at(1), 5);
        MetricWindow two = one.record(at(1), 7);
        assertThat(empty.bucketCount()).isZero();
        assertThat(one.average(at(1), SIX)).isEqualTo(5);
        assertThat(two.average(at(1), SIX)).isEqualTo(6);
    }

    @Test
    void aSampleFromThePastCountsInTheNewestBucket() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(60)).record(at(20), 10).record(at(5), 20);
        assertThat(w.bucketCount()).isEqualTo(1);
        assertThat(w.average(at(20), Duration.ofSeconds(1))).isEqualTo(15);
    }

    @Test
    void shorterSpanDropsOldBuckets() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(60)).record(at(0), 1).record(at(30), 2).record(at(50), 3);
        MetricWindow narrow = w.withSpan(Duration.ofSeconds(25));
        assertThat(narrow.bucketCount()).isEqualTo(2);
        assertThat(narrow.average(at(50), Duration.ofSeconds(25))).isEqualTo(2.5);
    }

    @Test
    void badArgumentsAreRejected() {
        MetricWindow w = MetricWindow.of(Duration.ofSeconds(10));
        assertThatThrownBy(() -> MetricWindow.of(Duration.ofMillis(1500))).hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> w.average(T0, Duration.ofSeconds(11))).hasMessageContaining("longer than the span");
        assertThatThrownBy(() -> w.record(T0, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> w.record(T0, 1, Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void equalSamplesMakeEqualWindows() {
        MetricWindow a = MetricWindow.of(Duration.ofSeconds(10)).record(at(1), 5).record(at(3), 2);
        MetricWindow b = MetricWindow.of(Duration.ofSeconds(10)).record(at(1), 5).record(at(3), 2);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.record(at(3), 0));
    }
}
