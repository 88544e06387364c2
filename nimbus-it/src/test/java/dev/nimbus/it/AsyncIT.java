package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable asynchronous invocation against a real server: accepted events are delivered, failing
 * ones retried then dead-lettered, oversized ones refused, and none lost when the server is
 * killed with SIGKILL in the middle of a backlog.
 */
class AsyncIT {
    static final String APP = """
            import os, time
            def handler(event, context):
                with open(os.environ["LEDGER"], "a") as ledger:
                    ledger.write(context.aws_request_id + "\\n")
                time.sleep(event.get("sleep", 0))
                return {"ok": True}
            def fail(event, context):
                raise ValueError("no such order")
            """;

    @TempDir
    Path data;
    @TempDir
    Path work;
    static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    /** Lets the ledger functions write their ledgers in {@code work}. */
    private String writable() {
        return "sandbox.writable-paths=" + work;
    }

    private void deploy(Api api, String name, String handler) {
        var config = Api.config("python3", handler, "environment", Map.of("LEDGER", work.resolve(name + ".ledger").toString()));
        config.put("scaling", Map.of("initialInstances", 0));
        var response = api.deploy(name, Zips.of(Map.of("app.py", APP)), config);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode event(Api api, String id) {
        var response = api.get("/api/v1/async/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Set<String> ledger(String name) throws IOException {
        Path file = work.resolve(name + ".ledger");
        return Files.exists(file) ? new HashSet<>(Files.readAllLines(file)) : Set.of();
    }

    @Test
    void eventInvocationsAreCommittedThenDeliveredAndFailingOnesRetriedThenDeadLettered() throws Exception {
        try (var server = NimbusProcess.start(data, writable(), "events.retry-base=50ms", "events.retry-cap=200ms")) {
            var api = new Api(server.url());
            deploy(api, "orders", "app.handler");
            deploy(api, "broken", "app.fail");

            var lambda = api.post("/2015-03-31/functions/orders/invocations", "{\"n\": 1}", "X-Amz-Invocation-Type", "Event");
            var nativeAsync = api.post("/api/v1/functions/orders/async", "{\"n\": 2}");
            var failing = api.post("/api/v1/functions/broken/async", "{}");

            assertThat(lambda.status()).isEqualTo(202);
            assertThat(nativeAsync.status()).isEqualTo(202);
            String lambdaId = lambda.header("x-amzn-RequestId");
            String nativeId = nativeAsync.json().get("id").asText();
            String failingId = failing.json().get("id").asText();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(event(api, lambdaId).get("status").asText()).isEqualTo("delivered");
                assertThat(event(api, nativeId).get("status").asText()).isEqualTo("delivered");
                assertThat(event(api, failingId).get("status").asText()).isEqualTo("dead_lettered");
            });
            assertThat(ledger("orders")).containsExactlyInAnyOrder(lambdaId, nativeId);
            JsonNode dead = event(api, failingId);
            assertThat(dead.get("attempts").asInt()).as("the first try and two retries").isEqualTo(3);
            assertThat(dead.get("lastError").asText()).contains("ValueError", "no such order");
            assertThat(api.get("/api/v1/functions/broken/async?status=dead_lettered").json().get("events"))
                    .extracting(e -> e.get("id").asText()).containsExactly(failingId);
            assertThat(api.get("/api/v1/functions/broken/async?status=sideways").status()).isEqualTo(400);

            var redrive = api.post("/api/v1/functions/broken/dead-letters/redrive?id=" + failingId, "");
            assertThat(redrive.json().get("redriven").asInt()).isEqualTo(1);
            String firstAccepted = dead.get("acceptedAt").asText();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode again = event(api, failingId);
                assertThat(again.get("status").asText()).isEqualTo("dead_lettered");
                assertThat(again.get("acceptedAt").asText()).isNotEqualTo(firstAccepted);
            });
            assertThat(api.delete("/api/v1/functions/broken/dead-letters").json().get("purged").asInt()).isEqualTo(1);
            assertThat(api.get("/api/v1/async/" + failingId).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/functions/orders").status()).isEqualTo(204);
            assertThat(api.get("/api/v1/async/" + lambdaId).status()).as("gone with its function").isEqualTo(404);
        }
    }

    @Test
    void oversizedUnknownAndMalformedAsyncRequestsAreRefusedAndNothingIsStored() throws Exception {
        try (var server = NimbusProcess.start(data, writable())) {
            var api = new Api(server.url());
            deploy(api, "orders", "app.handler");
            byte[] big = new byte[1024 * 1024 + 1];
            java.util.Arrays.fill(big, (byte) ' ');

            assertThat(api.post("/api/v1/functions/orders/async", big).status()).isEqualTo(413);
            assertThat(api.post("/2015-03-31/functions/orders/invocations", big, "X-Amz-Invocation-Type", "Event").status())
                    .isEqualTo(413);
            assertThat(api.post("/api/v1/functions/nobody/async", "{}").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/async/no-such-event").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/functions/orders/async").json().get("events")).isEmpty();
        }
    }

    /**
     * The checker of the issue: events accepted (202) are the ledger; after a SIGKILL in the middle
     * and a restart, every accepted event has run (lost = 0), and an event runs twice at most when
     * it was in flight at the kill (at most the worker count).
     */
    @Test
    void noAcceptedEventIsLostWhenTheServerIsKilledMidway() throws Exception {
        int total = 5000;
        Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        var server = NimbusProcess.start(data, writable(), "events.workers=8");
        try {
            var api = new Api(server.url());
            deploy(api, "ledger", "app.handler");
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                producers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < total / 4; i++) {
                        var r = api.post("/api/v1/functions/ledger/async", "{\"sleep\": 0.01}");
                        assertThat(r.status()).isEqualTo(202);
                        accepted.add(r.json().get("id").asText());
                    }
                }, THREADS));
            }
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).join();
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger("ledger").size() >= total / 5);
        } finally {
            server.kill9();
        }
        int before = Files.readAllLines(work.resolve("ledger.ledger")).size();
        assertThat(before).as("killed mid-way").isLessThan(total);

        try (var again = NimbusProcess.start(data, writable(), "events.workers=8")) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ledger("ledger").containsAll(accepted));
            List<String> runs = Files.readAllLines(work.resolve("ledger.ledger"));
            assertThat(accepted).hasSize(total);
            assertThat(new HashSet<>(runs)).as("lost = 0").containsAll(accepted);
            assertThat(runs.size() - new HashSet<>(runs).size()).as("duplicates: at most the deliveries in flight")
                    .isLessThanOrEqualTo(8);
        }
    }
}
