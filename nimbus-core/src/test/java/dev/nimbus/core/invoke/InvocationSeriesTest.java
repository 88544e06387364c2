package dev.nimbus.core.invoke;

import static dev.nimbus.core.invoke.Records.ok;
import static dev.nimbus.core.invoke.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvocationSeriesTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    final InvocationRecordsTest.ManualClock clock = new InvocationRecordsTest.ManualClock(T0.plusSeconds(25));
    final InvocationSeries series = new InvocationSeries(clock);

    @Test
    void countsEachInvocationInTheStepItArrivedIn() {
        series.added(ok("f", "a", T0.plusSeconds(1)));
        series.added(record("f", "b", T0.plusSeconds(2), InvocationRecord.Outcome.FUNCTION_ERROR,
                InvocationRecord.StartKind.COLD, 40));
        series.added(record("f", "c", T0.plusSeconds(12), InvocationRecord.Outcome.THROTTLED,
                InvocationRecord.StartKind.WARM, 0));

        var points = series.points("f", Duration.ofSeconds(30));

        assertThat(points).extracting(InvocationSeries.Point::t).containsExactly(
                T0.getEpochSecond(), T0.getEpochSecond() + 10, T0.getEpochSecond() + 20);
        var first = points.get(0);
        assertThat(first.invocations()).isEqualTo(2);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(first.coldStarts()).isEqualTo(1);
        var second = points.get(1);
        assertThat(second.throttles()).isEqualTo(1);
        assertThat(second.errors()).as("a throttle is not an error").isZero();
        assertThat(second.p50Ms()).as("nothing ran").isNull();
        assertThat(points.get(2).invocations()).isZero();
    }

    @Test
    void percentilesAreKnownToWithinAFifthAndNeverAboveTheSlowest() {
        for (int i = 0; i < 98; i++) {
            series.added(record("f", "r" + i, T0, InvocationRecord.Outcome.SUCCESS, InvocationRecord.StartKind.WARM, 10));
        }
        series.added(record("f", "slow1", T0, InvocationRecord.Outcome.SUCCESS, InvocationRecord.StartKind.WARM, 1000));
        series.added(record("f", "slow2", T0, InvocationRecord.Outcome.SUCCESS, InvocationRecord.StartKind.WARM, 1000));

        var step = series.points("f", Duration.ofSeconds(30)).getFirst();

        assertThat(step.p50Ms()).isBetween(10.0, 12.0);
        assertThat(step.p99Ms()).as("the 99th of 100 is one of the slow ones").isEqualTo(1000.0);
    }

    @Test
    void theInstanceCountIsTheMostSeenInTheStep() {
        clock.now = T0.plusSeconds(1);
        series.instances("f", 3);
        clock.now = T0.plusSeconds(6);
        series.instances("f", 1);
        clock.now = T0.plusSeconds(25);

        assertThat(series.points("f", Duration.ofSeconds(30)).getFirst().instances()).isEqualTo(3);
    }

    @Test
    void stepsOlderThanAnHourAreForgottenAndALateOldRecordDoesNotOverwriteANewStep() {
        series.added(ok("f", "old", T0));
        clock.now = T0.plus(Duration.ofHours(1));
        series.added(ok("f", "new", clock.now));
        series.added(ok("f", "very-late", T0)); // same slot of the ring, an hour older

        var points = series.points("f", Duration.ofHours(1));

        assertThat(points).hasSize(360);
        assertThat(points.getLast().invocations()).isEqualTo(1);
        assertThat(points.stream().mapToLong(InvocationSeries.Point::invocations).sum()).isEqualTo(1);
    }

    @Test
    void anUnknownOrForgottenFunctionHasAnEmptyChart() {
        series.added(ok("f", "a", T0));
        series.forgotten("f");

        assertThat(series.points("f", Duration.ofMinutes(1))).hasSize(6)
                .allSatisfy(p -> assertThat(p.invocations()).isZero());
    }
}
