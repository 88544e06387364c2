package dev.nimbus.server.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.InvocationRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends each sampled invocation's spans to an OpenTelemetry collector over OTLP/HTTP with JSON
 * encoding ({@code POST <endpoint>/v1/traces}): one span for the invocation (the span whose id the
 * function got as its parent) with children for the wait in the queue, the cold start and the run.
 *
 * <p>Spans are made from records after the fact, with the ids the invocation already carried, which
 * is why this writes the small, stable OTLP JSON shape itself rather than drive an SDK built for live
 * spans. Records wait in a bounded queue (4,096) and leave in batches of up to 256 once a second; when
 * the collector is slow or down, records beyond the queue are dropped and counted
 * ({@code nimbus_trace_records_dropped_total}), never slowing an invocation.
 *
 * <p>Threading: {@link #added} on invoking threads (an offer to the queue); one virtual thread sends.
 */
final class OtlpExporter implements InvocationRecords.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OtlpExporter.class.getName());
    private static final int QUEUE = 4096;
    private static final int BATCH = 256;
    private static final HexFormat HEX = HexFormat.of();
    private final URI traces;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<InvocationRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Counter dropped;
    private final Counter failed;
    private final Thread sender;
    private volatile boolean running = true;
    private boolean warned;

    OtlpExporter(URI endpoint, ObjectMapper json, MeterRegistry registry) {
        String base = endpoint.toString();
        this.traces = URI.create(base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces");
        this.json = json;
        this.dropped = Counter.builder("nimbus.trace.records.dropped")
                .description("Invocation records not exported because the queue to the collector was full")
                .register(registry);
        this.failed = Counter.builder("nimbus.trace.export.failures")
                .description("Batches of spans the collector did not accept").register(registry);
        this.sender = Thread.ofVirtual().name("nimbus-otlp").start(this::run);
    }

    @Override
    public void added(InvocationRecord record) {
        if (record.trace().sampled() && !queue.offer(record)) {
            dropped.increment();
        }
    }

    @Override
    public void forgotten(String function) {
        // what was recorded stays recorded
    }

    private void run() {
        var batch = new ArrayList<InvocationRecord>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                InvocationRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                send(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<InvocationRecord> batch) {
        try {
            var request = HttpRequest.newBuilder(traces).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(document(batch)))).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                fail("the collector at " + traces + " answered " + status);
            } else {
                warned = false;
            }
        } catch (IOException e) {
            fail("the collector at " + traces + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private void fail(String why) {
        failed.increment();
        if (!warned) { // once per outage, not once per batch
            warned = true;
            LOG.log(System.Logger.Level.WARNING, why + "; spans are dropped until it answers again");
        }
    }

    /** An OTLP {@code ExportTraceServiceRequest} in its JSON mapping: ids in hex, times in nanoseconds as strings. */
    ObjectNode document(List<InvocationRecord> records) {
        ObjectNode root = json.createObjectNode();
        ObjectNode resourceSpans = root.putArray("resourceSpans").addObject();
        attribute(resourceSpans.putObject("resource").putArray("attributes"), "service.name", "nimbus");
        ObjectNode scope = resourceSpans.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "dev.nimbus");
        ArrayNode spans = scope.putArray("spans");
        records.forEach(r -> spans(r, spans));
        return root;
    }

    private void spans(InvocationRecord r, ArrayNode spans) {
        Instant start = r.arrived();
        Instant end = start.plus(r.duration());
        Instant ran = start.plus(r.queued() == null ? Duration.ZERO : r.queued());
        ObjectNode invoke = span(spans, r, r.trace().spanId(), r.trace().parentId(), "invoke " + r.function(), 2, start, end);
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
            invoke.putObject("status").put("code", 2).put("message", r.errorType());
        }
        if (r.queued() != null && !r.queued().isZero()) {
            span(spans, r, newSpanId(), r.trace().spanId(), r.coldStart() != null ? "cold start" : "queue", 1, start, ran);
        }
        if (r.instanceId() != null) {
            span(spans, r, newSpanId(), r.trace().spanId(), "run", 1, ran, end);
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
            attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
        }
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

    @Override
    public void close() {
        running = false;
        try {
            sender.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
