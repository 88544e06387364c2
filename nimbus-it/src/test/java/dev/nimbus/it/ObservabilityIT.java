package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What operators see: Prometheus metrics that move with traffic, invocation records with filters
 * and paging, charts, live logs over server-sent events, and traces carried into functions and
 * exported to an OTLP collector (a small HTTP server standing in for one).
 */
class ObservabilityIT {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00f067aa0ba902b7";
    static final String APP = """
            import json, os
            def handler(event, context):
                body = json.loads(event.get("body") or "{}") if "headers" in event else event
                print("working on", json.dumps(body))
                if body.get("fail"):
                    raise ValueError("asked to fail")
                return {"statusCode": 200, "body": json.dumps({
                    "traceparent": (event.get("headers") or {}).get("traceparent"),
                    "xray": os.environ.get("_X_AMZN_TRACE_ID")})}
            """;
    static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*})? (-?[0-9.eE+-]+|[+-]Inf|NaN)( -?[0-9]+)?");

    static Path data;
    static NimbusProcess server;
    static Api api;
    static HttpServer collector;
    static final ConcurrentLinkedQueue<JsonNode> exported = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                exported.add(Api.JSON.readTree(in));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        data = Files.createTempDirectory("nimbus-observe");
        server = NimbusProcess.start(data, "observability.otlp-endpoint=http://127.0.0.1:" + collector.getAddress().getPort());
        api = new Api(server.url());
        assertThat(api.deploy("watched", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler")).status())
                .isIn(200, 201);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
        collector.stop(0);
    }

    @Test
    void metricsParseAsPrometheusTextAndMoveWithTraffic() {
        assertThat(api.invoke("watched", "{}").status()).isEqualTo(200);
        String before = scrape();
        double ok = sample(before, "nimbus_invocations_total", "function=\"watched\"", "outcome=\"success\"", "trigger=\"api\"");

        for (int i = 0; i < 3; i++) {
            assertThat(api.invoke("watched", "{}").status()).isEqualTo(200);
        }
        assertThat(api.invoke("watched", "{\"fail\": true}").status()).isEqualTo(200); // a function error, in the body

        String after = scrape();
        assertThat(sample(after, "nimbus_invocations_total", "function=\"watched\"", "outcome=\"success\"", "trigger=\"api\""))
                .isEqualTo(ok + 3);
        assertThat(sample(after, "nimbus_invocations_total", "function=\"watched\"", "outcome=\"function_error\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(after, "nimbus_invocation_duration_seconds_count", "function=\"watched\""))
                .isGreaterThanOrEqualTo(4);
        assertThat(sample(after, "nimbus_instances", "function=\"watched\"", "state=\"idle\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(after, "nimbus_concurrent_executions", "function=\"watched\"")).isZero();
        assertThat(sample(after, "nimbus_queue_depth", "function=\"watched\"")).isZero();
        assertThat(sample(after, "nimbus_http_server_requests_seconds_count", "surface=\"api\"", "method=\"POST\"",
                "status=\"2xx\""))
                .isGreaterThanOrEqualTo(4);
        assertThat(sample(after, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
        assertThat(after).doesNotContain("requestId").doesNotContain(TRACE);
    }

    @Test
    void aNamespacesKeySeesTheMetricsOfItsOwnFunctionsOnly() {
        assertThat(new Api(server.url(), null).get("/metrics").status()).isEqualTo(401);
        assertThat(api.putJson("/api/v1/namespaces/observers", Map.of()).status()).isIn(200, 201);
        var created = new Api(server.url(), NimbusProcess.ADMIN_KEY, "observers")
                .post("/api/v1/keys", "{\"name\": \"observer\", \"role\": \"read-only\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var team = new Api(server.url(), NimbusProcess.ADMIN_KEY, "observers");
        team.deploy("observed", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
        assertThat(team.invoke("observed", "{}").status()).isEqualTo(200);
        api.invoke("watched", "{}");

        var scraped = new Api(server.url(), created.json().get("key").asText()).get("/metrics");

        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("nimbus_invocations_total{function=\"observed\"")
                .doesNotContain("function=\"watched\"").doesNotContain("jvm_memory");
        assertThat(scrape()).as("the installation administrator sees the whole node")
                .contains("function=\"observed\"").contains("function=\"watched\"").contains("jvm_memory");
    }

    @Test
    void invocationRecordsFilterAndPage() {
        api.deploy("paged", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
        for (int i = 0; i < 5; i++) {
            assertThat(api.invoke("paged", "{\"n\": " + i + "}").status()).isEqualTo(200);
        }
        api.invoke("paged", "{\"fail\": true}");
        api.invoke("paged", "{\"fail\": true}");

        var ids = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/functions/paged/invocations?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("invocations").forEach(r -> ids.add(r.get("requestId").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(7).doesNotHaveDuplicates();

        JsonNode failures = api.get("/api/v1/functions/paged/invocations?outcome=function_error").json().get("invocations");
        assertThat(failures).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("outcome").asText()).isEqualTo("function_error");
            assertThat(r.get("errorType").asText()).isEqualTo("ValueError");
        });
        assertThat(api.get("/api/v1/functions/paged/invocations?since=2999-01-01T00:00:00Z").json().get("invocations")).isEmpty();
        assertThat(api.get("/api/v1/functions/paged/invocations?since=1h").json().get("invocations")).hasSize(7);

        JsonNode first = api.get("/api/v1/functions/paged/invocations/" + ids.getLast()).json();
        // the deploy may have started the instance ahead of it: cold or warm, its REPORT says what its init took
        assertThat(first.get("start").asText()).isIn("cold", "warm");
        assertThat(first.get("trigger").asText()).isEqualTo("api");
        assertThat(first.get("maxMemoryMb").asLong()).isPositive();
        assertThat(first.get("traceId").asText()).hasSize(32);
        List<String> log = new ArrayList<>();
        first.get("log").forEach(l -> log.add(l.asText()));
        assertThat(log.getFirst()).startsWith("START RequestId: " + ids.getLast());
        assertThat(log).anyMatch(l -> l.contains("working on {\"n\": 0}"));
        assertThat(log.getLast()).startsWith("REPORT RequestId: " + ids.getLast()).contains("Init Duration");

        assertThat(api.get("/api/v1/functions/paged/invocations?cursor=nonsense").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/functions/paged/invocations?outcome=fine").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/functions/paged/invocations?since=yesterday").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/functions/paged/invocations/no-such-id").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/functions/nope/invocations").status()).isEqualTo(404);

        JsonNode chart = api.get("/api/v1/functions/paged/metrics?minutes=5").json();
        assertThat(chart.get("stepSeconds").asInt()).isEqualTo(10);
        assertThat(chart.get("points")).hasSize(30);
        long invocations = 0, errors = 0;
        for (JsonNode p : chart.get("points")) {
            invocations += p.get("invocations").asLong();
            errors += p.get("errors").asLong();
        }
        assertThat(invocations).isEqualTo(7);
        assertThat(errors).isEqualTo(2);
        assertThat(api.get("/api/v1/functions/paged/metrics?minutes=61").status()).isEqualTo(400);
    }

    @Test
    void logsStreamLiveAsServerSentEvents() throws Exception {
        api.deploy("streamed", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/functions/streamed/logs?follow=true&limit=0"))
                .header("Authorization", "Bearer " + NimbusProcess.ADMIN_KEY).build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test is done
            }
        });
        try {
            assertThat(api.invoke("streamed", "{\"marker\": \"sse-1\"}").status()).isEqualTo(200);
            var seen = new HashSet<String>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && !seen.contains("REPORT")) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null || !line.startsWith("data: ")) {
                    continue;
                }
                String message = Api.JSON.readTree(line.substring(6)).get("message").asText();
                if (message.contains("working on {\"marker\": \"sse-1\"}")) {
                    seen.add("output");
                }
                if (message.startsWith("REPORT RequestId")) {
                    seen.add("REPORT");
                }
            }
            assertThat(seen).containsExactlyInAnyOrder("output", "REPORT");
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void aCallersTraceparentReachesTheFunctionAndTheCollector() {
        api.deploy("traced", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));

        var answer = api.send(HttpRequest.newBuilder(URI.create(server.url() + "/fn/traced/x"))
                .header("traceparent", "00-" + TRACE + "-" + PARENT + "-01").GET());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode seen = answer.json();
        String traceparent = seen.get("traceparent").asText();
        assertThat(traceparent).matches("00-" + TRACE + "-[0-9a-f]{16}-01").doesNotContain(PARENT);
        String span = traceparent.split("-")[2];
        assertThat(seen.get("xray").asText()).as("the same span, as Lambda runtimes see it")
                .isEqualTo("Root=1-4bf92f35-77b34da6a3ce929d0e0e4736;Parent=" + span + ";Sampled=1");

        JsonNode record = api.get("/api/v1/functions/traced/invocations?limit=1").json().get("invocations").get(0);
        assertThat(record.get("traceId").asText()).isEqualTo(TRACE);
        assertThat(record.get("trigger").asText()).isEqualTo("http");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<JsonNode> spans = new ArrayList<>();
            exported.forEach(doc -> doc.at("/resourceSpans/0/scopeSpans/0/spans").forEach(spans::add));
            JsonNode invoke = spans.stream().filter(s -> s.get("spanId").asText().equals(span)).findFirst().orElseThrow();
            assertThat(invoke.get("traceId").asText()).isEqualTo(TRACE);
            assertThat(invoke.get("parentSpanId").asText()).as("under the caller's span").isEqualTo(PARENT);
            assertThat(invoke.get("name").asText()).isEqualTo("invoke traced");
            assertThat(spans).anySatisfy(s -> {
                assertThat(s.path("parentSpanId").asText()).isEqualTo(span);
                assertThat(s.get("name").asText()).isEqualTo("run");
            });
        });

        var fresh = api.send(HttpRequest.newBuilder(URI.create(server.url() + "/fn/traced/x")).GET()).json();
        assertThat(fresh.get("traceparent").asText()).as("without a header, a trace starts here")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(TRACE);
    }

    private static String scrape() {
        var response = api.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        String text = response.body();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            assertThat(SAMPLE.matcher(line).matches()).as("a Prometheus sample line: %s", line).isTrue();
        }
        return text;
    }

    /** The sum of the samples of {@code name} whose labels include all of {@code labels}; there must be one. */
    private static double sample(String text, String name, String... labels) {
        double found = 0;
        int matches = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelSet = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String l : labels) {
                all &= labelSet.contains(l);
            }
            if (all) {
                found += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                matches++;
            }
        }
        assertThat(matches).as("a sample of %s with %s", name, String.join(",", labels)).isPositive();
        return found;
    }
}
