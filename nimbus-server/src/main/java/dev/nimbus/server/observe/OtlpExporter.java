package dev.nimbus.server.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    private final URI traces;
    private final String collector;
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
        this.collector = endpoint.getHost() + ":" + endpoint.getPort();
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
        if (record.trace().sampled() && !queue.offer(record.withoutLog())) {
            dropped.increment();
        }
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
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(OtlpSpans.document(json, batch)))).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                fail("the OTLP collector at " + collector + " answered " + status);
            } else {
                warned = false;
            }
        } catch (IOException e) {
            fail("the OTLP collector at " + collector + " cannot be reached (" + e.getClass().getSimpleName() + ")");
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

    /** Sends what is queued, for at most 5 seconds, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            if (!sender.join(Duration.ofSeconds(5))) {
                sender.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.shutdownNow();
        }
    }
}
