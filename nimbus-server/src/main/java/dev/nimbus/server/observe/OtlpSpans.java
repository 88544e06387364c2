package dev.nimbus.server.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.core.invoke.InvocationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Invocation records as OTLP spans, in the JSON mapping of an {@code ExportTraceServiceRequest}
 * (ids in lowercase hex, times in nanoseconds as decimal strings): a span {@code invoke <function>}
 * (the span the function got as its parent; SERVER for requests, CONSUMER for events) with children
 * {@code queue} or {@code cold start} (the wait for an instance) and {@code run}.
 */
final class OtlpSpans {
    private static final HexFormat HEX = HexFormat.of();
    private static final int SERVER = 2, INTERNAL = 1, CONSUMER = 5;
    private static final int MAX_ATTRIBUTE = 256;

    private OtlpSpans() {
    }

    /** An OTLP {@code ExportTraceServiceRequest} in its JSON mapping: ids in hex, times in nanoseconds as strings. */
    static ObjectNode document(ObjectMapper json, List<InvocationRecord> records) {
        ObjectNode root = json.createObjectNode();
        ObjectNode resourceSpans = root.putArray("resourceSpans").addObject();
        attribute(resourceSpans.putObject("resource").putArray("attributes"), "service.name", "nimbus");
        ObjectNode scope = resourceSpans.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "dev.nimbus");
        ArrayNode spans = scope.putArray("spans");
        records.forEach(r -> spans(r, spans));
        return root;
    }

    private static void spans(InvocationRecord r, ArrayNode spans) {
        Instant start = r.arrived();
        Instant end = start.plus(r.duration());
        Instant ran = start.plus(r.queued() == null ? Duration.ZERO : r.queued());
        int kind = switch (r.trigger()) {
            case HTTP, API, LAMBDA -> SERVER;
            case ASYNC, TOPIC, BUCKET, SCHEDULE -> CONSUMER;
        };
        ObjectNode invoke = span(spans, r, r.trace().spanId(), r.trace().parentId(), "invoke " + r.function(), kind,
                start, end);
        ArrayNode attributes = invoke.putArray("attributes");
        attribute(attributes, "faas.invocation_id", r.requestId());
        attribute(attributes, "faas.name", r.function());
        attribute(attributes, "faas.version", r.version());
        attribute(attributes, "faas.trigger", faasTrigger(r));
        attributes.addObject().put("key", "faas.coldstart").putObject("value").put("boolValue", r.coldStart() != null);
        attribute(attributes, "nimbus.outcome", InvocationMeters.lower(r.outcome()));
        if (r.instanceId() != null) {
            attribute(attributes, "nimbus.instance", r.instanceId());
        }
        if (r.failed() || r.outcome() == InvocationRecord.Outcome.THROTTLED) {
            attribute(attributes, "error.type", r.errorType());
            invoke.putObject("status").put("code", 2).put("message", clip(r.errorType()));
        }
        if (r.queued() != null && !r.queued().isZero()) {
            span(spans, r, newSpanId(), r.trace().spanId(), r.coldStart() != null ? "cold start" : "queue", INTERNAL,
                    start, ran);
        }
        if (r.instanceId() != null) {
            span(spans, r, newSpanId(), r.trace().spanId(), "run", INTERNAL, ran, end);
        }
    }

    private static ObjectNode span(ArrayNode spans, InvocationRecord r, String id, String parent, String name, int kind,
                                   Instant start, Instant end) {
        ObjectNode span = spans.addObject();
        span.put("traceId", r.trace().traceId()).put("spanId", id);
        if (parent != null) {
            span.put("parentSpanId", parent);
        }
        span.put("name", name).put("kind", kind)
                .put("startTimeUnixNano", Long.toString(nanos(start)))
                .put("endTimeUnixNano", Long.toString(nanos(end)));
        return span;
    }

    /** The OpenTelemetry FaaS trigger: http, pubsub, timer, datasource or other. */
    private static String faasTrigger(InvocationRecord r) {
        return switch (r.trigger()) {
            case HTTP, API, LAMBDA -> "http";
            case TOPIC -> "pubsub";
            case SCHEDULE -> "timer";
            case BUCKET -> "datasource";
            case ASYNC -> "other";
        };
    }

    private static void attribute(ArrayNode attributes, String key, String value) {
        if (value != null) {
            attributes.addObject().put("key", key).putObject("value").put("stringValue", clip(value));
        }
    }

    /** Error types come from functions: at most {@value #MAX_ATTRIBUTE} characters of them. */
    private static String clip(String value) {
        return value == null || value.length() <= MAX_ATTRIBUTE ? value : value.substring(0, MAX_ATTRIBUTE);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return HEX.toHexDigits(id);
    }
}
