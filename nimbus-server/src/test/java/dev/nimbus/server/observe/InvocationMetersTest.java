package dev.nimbus.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.Trigger;
import dev.nimbus.core.trace.TraceContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationMetersTest {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final InvocationMeters meters = new InvocationMeters(registry);

    static InvocationRecord record(String function, InvocationRecord.Outcome outcome, boolean cold) {
        boolean ran = outcome != InvocationRecord.Outcome.THROTTLED;
        return new InvocationRecord("r", function, "2", 3, Trigger.HTTP, ran ? "i" : null,
                Instant.parse("2026-11-26T10:00:00Z"), ran ? cold ? InvocationRecord.StartKind.COLD
                : InvocationRecord.StartKind.WARM : null, Duration.ofMillis(1),
                cold ? new InvocationRecord.ColdStart(Duration.ofMillis(3), Duration.ofMillis(40), Duration.ofMillis(7)) : null,
                Duration.ofMillis(70), outcome, null, 20, TraceContext.fresh(), List.of());
    }

    @Test
    void countsOutcomesAndRecordsDurationsAndColdStartPhasesPerFunctionAndVersion() {
        meters.added(record("orders", InvocationRecord.Outcome.SUCCESS, true));
        meters.added(record("orders", InvocationRecord.Outcome.SUCCESS, false));
        meters.added(record("orders", InvocationRecord.Outcome.THROTTLED, false));

        String text = registry.scrape();

        assertThat(text).contains("nimbus_invocations_total{function=\"orders\",outcome=\"success\",trigger=\"http\",version=\"2\"} 2.0")
                .contains("nimbus_invocations_total{function=\"orders\",outcome=\"throttled\",trigger=\"http\",version=\"2\"} 1.0")
                .contains("nimbus_invocation_duration_seconds_count{function=\"orders\",version=\"2\"} 2")
                .contains("nimbus_invocation_duration_seconds_bucket{function=\"orders\",version=\"2\",le=\"0.1\"} 2")
                .contains("nimbus_invocation_duration_seconds_bucket{function=\"orders\",version=\"2\",le=\"0.05\"} 0")
                .contains("nimbus_cold_starts_total{function=\"orders\",version=\"2\"} 1.0")
                .contains("nimbus_cold_start_duration_seconds_count{function=\"orders\",phase=\"runtime_init\",version=\"2\"} 1")
                .contains("nimbus_cold_start_duration_seconds_count{function=\"orders\",phase=\"handler_init\",version=\"2\"} 1");
    }

    @Test
    void aDeletedFunctionLosesItsSeriesAndOthersKeepTheirs() {
        meters.added(record("orders", InvocationRecord.Outcome.SUCCESS, true));
        meters.added(record("billing", InvocationRecord.Outcome.FUNCTION_ERROR, false));

        meters.forgotten("orders");

        assertThat(registry.scrape()).doesNotContain("function=\"orders\"").contains("function=\"billing\"");
    }
}
