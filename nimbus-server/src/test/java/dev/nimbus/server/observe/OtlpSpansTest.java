package dev.nimbus.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.invoke.InvocationRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpSpansTest {

    @Test
    void aColdInvocationBecomesAnInvokeSpanWithAColdStartAndARunUnderIt() {
        var record = InvocationMetersTest.record("orders", InvocationRecord.Outcome.SUCCESS, true);
        JsonNode doc = OtlpSpans.document(new ObjectMapper(), List.of(record));

        JsonNode scope = doc.at("/resourceSpans/0/scopeSpans/0");
        assertThat(doc.at("/resourceSpans/0/resource/attributes/0/value/stringValue").asText()).isEqualTo("nimbus");
        var spans = new ArrayList<JsonNode>();
        scope.get("spans").forEach(spans::add);
        assertThat(spans).extracting(s -> s.get("name").asText()).containsExactly("invoke orders", "cold start", "run");
        JsonNode invoke = spans.getFirst();
        assertThat(invoke.get("traceId").asText()).isEqualTo(record.trace().traceId());
        assertThat(invoke.get("spanId").asText()).as("the span the function saw as its parent")
                .isEqualTo(record.trace().spanId());
        assertThat(invoke.has("parentSpanId")).as("the trace started here").isFalse();
        assertThat(spans.subList(1, 3)).allSatisfy(s ->
                assertThat(s.get("parentSpanId").asText()).isEqualTo(record.trace().spanId()));
        long start = Long.parseLong(invoke.get("startTimeUnixNano").asText());
        long end = Long.parseLong(invoke.get("endTimeUnixNano").asText());
        assertThat(end - start).isEqualTo(70_000_000L);
        assertThat(invoke.get("kind").asInt()).as("SERVER: an HTTP request").isEqualTo(2);
        assertThat(invoke.toString()).contains("\"faas.coldstart\"").contains("\"boolValue\":true")
                .contains("\"faas.trigger\"").contains("\"http\"");
    }

    @Test
    void aFailureIsMarkedAsAnErrorWithItsType() {
        var failed = InvocationMetersTest.record("orders", InvocationRecord.Outcome.FUNCTION_ERROR, false);
        var record = new InvocationRecord(failed.requestId(), failed.function(), failed.version(), failed.revision(),
                failed.trigger(), failed.instanceId(), failed.arrived(), failed.start(), failed.queued(), null,
                failed.duration(), failed.outcome(), "Handled", failed.maxMemoryMb(), failed.trace(), failed.log());
        JsonNode invoke = OtlpSpans.document(new ObjectMapper(), List.of(record)).at("/resourceSpans/0/scopeSpans/0/spans/0");

        assertThat(invoke.at("/status/code").asInt()).isEqualTo(2);
        assertThat(invoke.at("/status/message").asText()).isEqualTo("Handled");
    }
}
