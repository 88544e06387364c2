package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic scaling against a real server and real Python instances: scale to zero, a burst from
 * zero, throttling, the provisioned floor, CPU-based scaling, rolling and failed updates, and the
 * cold-start breakdown of invocation records. Functions use short windows so that each test takes
 * seconds; the decisions are the same as with the defaults, only faster.
 */
class AutoscalingIT {
    static final String APP = """
            import hashlib, json, os, time
            VERSION = "v1"
            def handler(event, context):
                time.sleep(event.get("sleep", 0) if isinstance(event, dict) else 0)
                return {"version": VERSION, "instance": os.environ["AWS_LAMBDA_LOG_STREAM_NAME"]}
            def burn(event, context):
                end = time.time() + 0.2
                while time.time() < end:
                    hashlib.sha256(b"x" * 4096).digest()
                return {"ok": True}
            def web(event, context):
                time.sleep(0.02)
                return {"statusCode": 200, "body": VERSION}
            """;
    /** Scales to zero 6 s after the last request and 2 s of grace. */
    static final Map<String, Object> QUICK = Map.of("stableWindowSeconds", 6, "scaleToZeroGraceSeconds", 2);

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;
    static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static byte[] app(String version) {
        return Zips.of(Map.of("app.py", APP.replace("VERSION = \"v1\"", "VERSION = \"" + version + "\"")));
    }

    static void deploy(String name, String handler, Map<String, Object> scaling, Object... more) {
        var config = Api.config("python3", handler, more);
        config.put("scaling", scaling);
        var response = api.deploy(name, app("v1"), config);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    static JsonNode scaling(String name) {
        var response = api.get("/api/v1/functions/" + name + "/scaling");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void anIdleFunctionScalesToZeroAndStartsAgainOnTheNextRequest() {
        deploy("to-zero", "app.handler", QUICK, "description", "scales to zero");
        assertThat(api.invoke("to-zero", "{}").status()).isEqualTo(200);
        assertThat(scaling("to-zero").get("actualInstances").asInt()).isPositive();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(scaling("to-zero").get("actualInstances").asInt()).isZero();
            assertThat(Orphans.of("to-zero")).isEmpty();
        });
        JsonNode decisions = scaling("to-zero").get("revisions").get(0).get("decisions");
        assertThat(decisions.get(0).get("to").asInt()).isZero();
        assertThat(decisions.get(0).get("reason").asText()).contains("no traffic");

        assertThat(api.invoke("to-zero", "{}").status()).isEqualTo(200);
    }

    @Test
    void aBurstOf100ToAFunctionScaledToZeroCompletesWithoutErrors() throws Exception {
        deploy("burst", "app.handler", Map.of("initialInstances", 0), "concurrency", 100);
        assertThat(scaling("burst").get("actualInstances").asInt()).isZero();

        List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> api.invoke("burst", "{\"sleep\": 0.05}"), THREADS));
        }

        var statuses = new ArrayList<Integer>();
        for (var call : calls) {
            statuses.add(call.get().status());
        }
        assertThat(statuses).as("every request of the burst answered").containsOnly(200);
        JsonNode after = scaling("burst");
        assertThat(after.get("throttles").asInt()).isZero();
        assertThat(after.get("coldStarts").asInt()).isPositive();
    }

    @Test
    void beyondTheFunctionsMaximumAndTheQueueRequestsAreThrottledAt429WithRetryAfter(@TempDir Path other)
            throws Exception {
        try (var small = NimbusProcess.start(other, "pool.queue-depth=1", "pool.queue-timeout=30s")) {
            var smallApi = new Api(small.url());
            var config = Api.config("python3", "app.handler", "concurrency", 1);
            assertThat(smallApi.deploy("narrow", app("v1"), config).status()).isIn(200, 201);
            var running = CompletableFuture.supplyAsync(() -> smallApi.invoke("narrow", "{\"sleep\": 3}"), THREADS);
            await().atMost(Duration.ofSeconds(10)).until(() -> smallApi.get("/api/v1/functions/narrow/scaling").json()
                    .get("inFlight").asInt() == 1);
            var queued = CompletableFuture.supplyAsync(() -> smallApi.invoke("narrow", "{}"), THREADS);
            await().atMost(Duration.ofSeconds(10)).until(() -> smallApi.get("/api/v1/functions/narrow/scaling").json()
                    .get("queued").asInt() == 1);

            var throttled = smallApi.post("/fn/narrow", "{}");
            var lambda = smallApi.post("/2015-03-31/functions/narrow/invocations", "{}");

            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isEqualTo("1");
            assertThat(lambda.status()).isEqualTo(429);
            assertThat(lambda.header("X-Amzn-ErrorType")).startsWith("TooManyRequestsException");
            assertThat(lambda.json().get("Reason").asText()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
            assertThat(running.get().status()).isEqualTo(200);
            assertThat(queued.get().status()).as("the queued request got the instance once free").isEqualTo(200);
            assertThat(smallApi.get("/api/v1/functions/narrow/scaling").json().get("throttles").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aProvisionedFloorIsStartedWithoutTrafficAndServesAsProvisioned() {
        deploy("floor", "app.handler", Map.of("initialInstances", 0));
        assertThat(api.post("/api/v1/functions/floor/versions", "{}").status()).isEqualTo(201);

        var put = api.putJson("/api/v1/functions/floor/provisioned-concurrency/1", Map.of("instances", 2));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode revisions = scaling("floor").get("revisions");
            assertThat(revisions).anySatisfy(r -> {
                assertThat(r.get("version").asText()).isEqualTo("1");
                assertThat(r.get("instances").size()).isEqualTo(2);
                assertThat(r.get("instances").findValuesAsText("state")).containsOnly("idle");
            });
        });
        assertThat(api.invoke("floor:1", "{}").status()).isEqualTo(200);
        JsonNode record = api.get("/api/v1/functions/floor/invocations?limit=1").json().get("invocations").get(0);
        assertThat(record.get("start").asText()).isEqualTo("provisioned");
        assertThat(record.get("version").asText()).isEqualTo("1");
        assertThat(api.get("/api/v1/functions/floor/provisioned-concurrency/1").json().get("allocated").asInt())
                .isEqualTo(2);
    }

    @Test
    void aCpuBoundFunctionScalingOnCpuGetsMoreInstancesThanItsConcurrencyNeeds() {
        deploy("cpu-bound", "app.burn", Map.of("metric", "cpu", "target", 0.3, "stableWindowSeconds", 6));
        var running = new AtomicBoolean(true);
        var client = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                assertThat(api.invoke("cpu-bound", "{}").status()).isEqualTo(200);
            }
        }, THREADS);
        try {
            // One request at a time keeps ~1 core busy: 1.0 / (0.3 × 0.7) wants 5 instances, where
            // concurrency (1 / 0.7) would want 2.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode r = scaling("cpu-bound").get("revisions").get(0);
                assertThat(r.get("desiredInstances").asInt()).isGreaterThanOrEqualTo(4);
                assertThat(r.get("reason").asText()).contains("CPU utilisation");
            });
        } finally {
            running.set(false);
            client.join();
        }
        var instances = api.get("/api/v1/functions/cpu-bound/instances").json().get("instances");
        assertThat(instances.findValues("cpu").stream().mapToDouble(JsonNode::asDouble).sum()).isPositive();
        assertThat(instances.findValues("memoryBytes").stream().mapToLong(JsonNode::asLong).max().orElse(0))
                .as("sampled at the autoscaler's ticks").isPositive();
    }

    @Test
    void anUpdateUnderContinuousLoadFailsNoRequest() throws Exception {
        deploy("rolling", "app.web", Map.of("initialInstances", 1), "concurrency", 20);
        var running = new AtomicBoolean(true);
        var ok = new AtomicInteger();
        var failures = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var seen = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    var r = api.post("/fn/rolling", "{}");
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                        seen.add(r.body());
                    } else {
                        failures.add(r.status() + " " + r.body());
                    }
                }
            }, THREADS));
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() > 50);
            for (String version : List.of("v2", "v3")) {
                var update = api.deploy("rolling", app(version), Api.config("python3", "app.web"));
                assertThat(update.status()).as(update.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(version));
            }
        } finally {
            running.set(false);
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(failures).as("failed requests during the rollout").isEmpty();
        assertThat(seen).contains("v1", "v2", "v3");
    }

    @Test
    void anUpdateWhoseCodeFailsToInitialiseKeepsThePreviousRevisionServing() {
        deploy("guarded", "app.handler", Map.of());
        assertThat(api.invoke("guarded", "{}").json().get("version").asText()).isEqualTo("v1");

        var broken = Zips.of(Map.of("app.py", "raise RuntimeError('no database configured')\n"));
        var update = api.deploy("guarded", broken, Api.config("python3", "app.handler"));

        assertThat(update.status()).isEqualTo(422);
        assertThat(update.json().get("error").get("code").asText()).isEqualTo("InitFailed");
        assertThat(update.body()).contains("no database configured");
        JsonNode function = api.get("/api/v1/functions/guarded").json();
        assertThat(function.get("lastUpdate").get("status").asText()).isEqualTo("Failed");
        assertThat(function.get("lastUpdate").get("reason").asText()).contains("no database configured");
        assertThat(api.invoke("guarded", "{}").json().get("version").asText()).as("the old code serves").isEqualTo("v1");
    }

    @Test
    void aColdInvocationRecordsWhereItsStartTimeWent() {
        deploy("phases", "app.handler", Map.of("initialInstances", 0));

        assertThat(api.invoke("phases", "{}").status()).isEqualTo(200);
        JsonNode cold = api.get("/api/v1/functions/phases/invocations?limit=1").json().get("invocations").get(0);

        assertThat(cold.get("start").asText()).isEqualTo("cold");
        assertThat(cold.get("outcome").asText()).isEqualTo("success");
        JsonNode phases = cold.get("coldStart");
        for (String phase : List.of("queuedMs", "spawnMs", "runtimeInitMs", "handlerInitMs")) {
            assertThat(phases.get(phase).asDouble()).as(phase).isGreaterThanOrEqualTo(0);
        }
        assertThat(phases.get("spawnMs").asDouble() + phases.get("runtimeInitMs").asDouble()).isPositive();
        assertThat(cold.get("durationMs").asDouble()).isGreaterThanOrEqualTo(phases.get("runtimeInitMs").asDouble());

        api.invoke("phases", "{}");
        JsonNode warm = api.get("/api/v1/functions/phases/invocations?limit=1").json().get("invocations").get(0);
        assertThat(warm.get("start").asText()).isEqualTo("warm");
        assertThat(warm.has("coldStart")).isFalse();
    }
}
