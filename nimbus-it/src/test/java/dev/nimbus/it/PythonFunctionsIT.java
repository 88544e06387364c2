package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python functions end to end: HTTP routes, the Lambda Invoke API, failures, scaling and updates. */
class PythonFunctionsIT {
    static final String APP = """
            import json, os, subprocess, time
            def echo(event, context):
                return {"event": event, "requestId": context.aws_request_id, "fn": context.function_name,
                        "memory": context.memory_limit_in_mb, "remaining": context.get_remaining_time_in_millis()}
            def fail(event, context):
                raise ValueError("bad input")
            def crash(event, context):
                os._exit(3)
            def hang(event, context):
                subprocess.Popen(["sleep", "300"], env=dict(os.environ, HANG_CHILD="py-hang"))
                time.sleep(60)
            def pid(event, context):
                time.sleep(event.get("sleep", 0))
                return {"instance": os.environ["AWS_LAMBDA_LOG_STREAM_NAME"], "version": os.environ.get("VERSION", "v1")}
            def log(event, context):
                print("hello-log " + context.aws_request_id)
                return "ok"
            """;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, "pool.queue-timeout=300ms");
        api = new Api(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static void deploy(String name, String handler, Object... config) {
        var response = api.deploy(name, Zips.of(Map.of("app.py", APP)), Api.config("python3", handler, config));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    @Test
    void referenceHandlerAnswersOverHttpUnchanged() throws Exception {
        String handler = Files.readString(Path.of(System.getProperty("nimbus.examples"), "python-reference/reference_handler.py"));
        var deployed = api.deploy("reference", Zips.of(Map.of("reference_handler.py", handler)),
                Api.config("python3", "reference_handler.lambda_handler"));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

        var response = api.post("/fn/reference", "{\"a\":1}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"a\": 1}");
    }

    @Test
    void lambdaInvokeApiPassesEventAndContext() {
        deploy("py-echo", "app.echo", "memoryMb", 256, "timeoutSeconds", 7);

        var response = api.post("/2015-03-31/functions/py-echo/invocations", "{\"k\":\"v\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("event").get("k").asText()).isEqualTo("v");
        assertThat(body.get("requestId").asText()).isEqualTo(response.header("x-amzn-RequestId"));
        assertThat(body.get("fn").asText()).isEqualTo("py-echo");
        assertThat(body.get("memory").asText()).isEqualTo("256");
        assertThat(body.get("remaining").asLong()).isBetween(1L, 7000L);
        assertThat(response.header("X-Amz-Executed-Version")).isEqualTo("$LATEST");
        assertThat(response.header("X-Amz-Function-Error")).isNull();
    }

    @Test
    void httpRouteBuildsApiGatewayV2Event() {
        deploy("py-http", "app.echo");

        var response = api.post("/fn/py-http/orders/42?x=1&x=2", "hello", "Content-Type", "text/plain",
                "Cookie", "a=1; b=2");

        assertThat(response.status()).isEqualTo(200);
        JsonNode event = response.json().get("event");
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("rawPath").asText()).isEqualTo("/orders/42");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("x=1&x=2");
        assertThat(event.get("queryStringParameters").get("x").asText()).isEqualTo("1,2");
        assertThat(event.get("requestContext").get("http").get("method").asText()).isEqualTo("POST");
        assertThat(event.get("body").asText()).isEqualTo("hello");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(event.get("headers").get("content-type").asText()).isEqualTo("text/plain");
    }

    @Test
    void functionErrorIsReportedNotThrown() {
        deploy("py-fail", "app.fail");

        var lambda = api.post("/2015-03-31/functions/py-fail/invocations", "{}");
        var http = api.post("/fn/py-fail", "{}");

        assertThat(lambda.status()).isEqualTo(200);
        assertThat(lambda.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(lambda.json().get("errorType").asText()).isEqualTo("ValueError");
        assertThat(lambda.json().get("errorMessage").asText()).isEqualTo("bad input");
        assertThat(http.status()).isEqualTo(502);
        assertThat(http.body()).doesNotContain("Traceback");
    }

    @Test
    void initErrorIsReportedAndTheNextRequestRetriesTheStart() {
        var broken = api.deploy("py-init", Zips.of(Map.of("app.py", "raise RuntimeError('startup fails')\n")),
                Api.config("python3", "app.handler"));
        assertThat(broken.status()).isEqualTo(201);

        for (int i = 0; i < 2; i++) {
            var response = api.post("/2015-03-31/functions/py-init/invocations", "{}");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
            assertThat(response.json().get("errorType").asText()).isEqualTo("RuntimeError");
            assertThat(response.json().get("errorMessage").asText()).isEqualTo("startup fails");
        }
        deploy("py-init", "app.pid");
        assertThat(api.invoke("py-init", "{}").json().get("version").asText()).isEqualTo("v1");
    }

    @Test
    void crashAnswersAnErrorNamingTheExitAndTheNextRequestStartsAFreshInstance() {
        deploy("py-crash", "app.crash");

        var response = api.post("/2015-03-31/functions/py-crash/invocations", "{}");

        assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(response.json().get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(response.json().get("errorMessage").asText()).contains("exit status 3");
        assertThat(api.post("/2015-03-31/functions/py-crash/invocations", "{}").json().get("errorType").asText())
                .isEqualTo("Runtime.ExitError");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() {
        deploy("py-hang", "app.hang", "timeoutSeconds", 1);

        var response = api.post("/2015-03-31/functions/py-hang/invocations", "{}");
        var http = api.post("/fn/py-hang", "{}");

        assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(response.json().get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(response.json().get("errorMessage").asText()).contains("Task timed out after 1.00 seconds");
        assertThat(http.status()).isEqualTo(504);
        // The autoscaler may keep a fresh instance warm meanwhile: the hung ones' children must be gone.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Orphans.withEnv("HANG_CHILD", "py-hang")).isEmpty());
    }

    @Test
    void concurrentRequestsStartSeveralInstancesThenWarmOnesAreReused() throws Exception {
        deploy("py-scale", "app.pid");
        List<String> instances = concurrently(3, () -> api.invoke("py-scale", "{\"sleep\": 1}").json().get("instance").asText());
        assertThat(new HashSet<>(instances)).hasSize(3);

        for (int i = 0; i < 5; i++) {
            assertThat(api.invoke("py-scale", "{}").json().get("instance").asText()).isIn(instances);
        }
    }

    @Test
    void beyondTheConcurrencyLimitRequestsQueueBrieflyThenAre429() throws Exception {
        deploy("py-limit", "app.pid", "concurrency", 1);

        List<Api.Response> responses = concurrently(2, () -> api.invoke("py-limit", "{\"sleep\": 2}"));

        assertThat(responses).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 429);
        var throttled = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.json().get("error").get("code").asText()).isEqualTo("Throttled");
    }

    @Test
    void codeUpdateDuringInFlightRequestsDropsNothing() throws Exception {
        deploy("py-update", "app.pid");
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        var inFlight = new ArrayList<Future<Api.Response>>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(pool.submit(() -> api.invoke("py-update", "{\"sleep\": 1.5}")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> startedInvocations("py-update") == 4);
        deploy("py-update", "app.pid", "environment", Map.of("VERSION", "v2"));
        var oldInstances = new ArrayList<String>();
        for (var f : inFlight) {
            var r = f.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.header("X-Nimbus-Function-Error")).isNull();
            assertThat(r.json().get("version").asText()).isEqualTo("v1");
            oldInstances.add(r.json().get("instance").asText());
        }
        assertThat(api.invoke("py-update", "{}").json().get("version").asText()).isEqualTo("v2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> oldInstances.forEach(instance ->
                assertThat(Orphans.withEnv("AWS_LAMBDA_LOG_STREAM_NAME", instance)).isEmpty()));
        assertThat(api.get("/api/v1/functions/py-update").json().get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void outputIsCapturedPerInvocationWithStartEndAndReportLines() {
        deploy("py-log", "app.log");
        String requestId = api.invoke("py-log", "{}").header("X-Nimbus-Request-Id");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode logs = api.get("/api/v1/functions/py-log/logs").json().get("logs");
            var mine = new ArrayList<String>();
            logs.forEach(l -> {
                if (l.get("requestId").asText().equals(requestId)) {
                    mine.add(l.get("message").asText());
                }
            });
            assertThat(mine).anyMatch(m -> m.startsWith("START RequestId: " + requestId));
            assertThat(mine).contains("hello-log " + requestId);
            assertThat(mine).anyMatch(m -> m.startsWith("REPORT RequestId: " + requestId) && m.contains("Init Duration"));
        });
    }

    /** Invocations the runtime has taken (START lines), as the log API shows them. */
    static long startedInvocations(String function) {
        var count = new long[1];
        api.get("/api/v1/functions/" + function + "/logs?limit=1000").json().get("logs")
                .forEach(l -> count[0] += l.get("message").asText().startsWith("START ") ? 1 : 0);
        return count[0];
    }

    static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            var out = new ArrayList<T>();
            for (var f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
