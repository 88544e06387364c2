package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code nimbus} command against a real server, deploying the shipped examples. */
class CliIT {
    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;
    static Path examples;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
        examples = Path.of(System.getProperty("nimbus.examples"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    record Run(int exit, String out, String err) {
    }

    static Run nimbus(String... args) throws IOException, InterruptedException {
        return nimbusWith(java.util.Map.of(), args);
    }

    /** Runs the CLI with {@code env} over the server's URL and admin key. */
    static Run nimbusWith(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(NimbusProcess.javaBin(), "-jar", System.getProperty("nimbus.server.jar")));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command);
        pb.environment().put("NIMBUS_URL", server.url());
        pb.environment().put("NIMBUS_API_KEY", NimbusProcess.ADMIN_KEY);
        pb.environment().putAll(env);
        Process p = pb.start();
        var stderr = new byte[1][];
        Thread err = Thread.ofVirtual().start(() -> {
            try {
                stderr[0] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                stderr[0] = new byte[0];
            }
        });
        byte[] stdout = p.getInputStream().readAllBytes();
        err.join();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(stderr[0], StandardCharsets.UTF_8));
    }

    @Test
    void deployInvokeCurlLogsListGetDeleteTheReferenceFunction() throws Exception {
        var deploy = nimbus("deploy", examples.resolve("python-reference").toString());
        assertThat(deploy.exit()).as(deploy.err()).isZero();
        assertThat(deploy.out()).contains("reference");

        var invoke = nimbus("invoke", "reference", "--data", "{\"body\": \"{\\\"a\\\": 1}\"}");
        assertThat(invoke.exit()).as(invoke.err()).isZero();
        assertThat(invoke.out()).contains("\"statusCode\": 200");

        var curl = api.post("/fn/reference", "{\"a\":1}");
        assertThat(curl.status()).isEqualTo(200);
        assertThat(curl.body()).isEqualTo("{\"a\": 1}");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(nimbus("logs", "reference").out()).contains("START RequestId:").contains("REPORT RequestId:"));
        assertThat(nimbus("list").out()).contains("reference").contains("python3");
        assertThat(nimbus("get", "reference").out()).contains("reference_handler.lambda_handler");

        assertThat(nimbus("delete", "reference").exit()).isZero();
        var missing = nimbus("invoke", "reference");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Function not found: reference").doesNotContain("Exception");
    }

    @Test
    void theNodeAndJavaExamplesDeployAndAnswerOverHttp() throws Exception {
        assertThat(nimbus("deploy", examples.resolve("node-hello").toString()).exit()).isZero();
        var java = nimbus("deploy", examples.resolve("java-hello").toString());
        assertThat(java.exit()).as(java.err()).isZero();

        var node = api.get("/fn/hello-node/greet?name=Ada");
        assertThat(node.status()).isEqualTo(200);
        assertThat(node.json().get("message").asText()).isEqualTo("hello, Ada");
        var hello = api.get("/fn/hello-java");
        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.json().get("message").asText()).isEqualTo("hello from java");
    }

    @Test
    void logsFollowStreamsNewLinesAsTheyArePrinted() throws Exception {
        assertThat(nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "followed").exit()).isZero();
        var pb = new ProcessBuilder(NimbusProcess.javaBin(), "-jar", System.getProperty("nimbus.server.jar"),
                "logs", "followed", "--follow", "--limit", "0");
        pb.environment().put("NIMBUS_URL", server.url());
        pb.environment().put("NIMBUS_API_KEY", NimbusProcess.ADMIN_KEY);
        Process follower = pb.redirectErrorStream(true).start();
        try {
            var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
            Thread.ofVirtual().start(() -> {
                try (var reader = follower.inputReader()) {
                    reader.lines().forEach(lines::add);
                } catch (IOException e) {
                    // the follower was stopped
                }
            });
            // The follower JVM subscribes a moment after it starts: invoke until one invocation's
            // REPORT line arrives on its output.
            var requestIds = new java.util.ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                requestIds.add(api.post("/fn/followed", "{\"a\":1}").header("X-Nimbus-Request-Id"));
                for (String line; (line = lines.poll(1, TimeUnit.SECONDS)) != null; ) {
                    for (String id : requestIds) {
                        if (line.contains("REPORT RequestId: " + id)) {
                            return;
                        }
                    }
                }
            }
            throw new AssertionError("no REPORT line of " + requestIds + " was streamed; got " + lines);
        } finally {
            follower.destroyForcibly();
        }
    }

    @Test
    void publishAliasWithAWeightAndDeleteVersionsOnlyOnceNoAliasRoutesToThem() throws Exception {
        String source = examples.resolve("python-reference").toString();
        assertThat(nimbus("deploy", source, "--name", "versioned", "--description", "first").exit()).isZero();

        var v1 = nimbus("publish", "versioned");
        assertThat(v1.exit()).as(v1.err()).isZero();
        assertThat(v1.out()).isEqualTo("published versioned version 1 (revision 1)\n");
        assertThat(nimbus("publish", "versioned").out())
                .isEqualTo("versioned version 1 already holds $LATEST (revision 1); nothing new published\n");

        assertThat(nimbus("deploy", source, "--name", "versioned", "--description", "second").exit()).isZero();
        assertThat(nimbus("publish", "versioned", "--description", "release 2").out())
                .isEqualTo("published versioned version 2 (revision 2)\n");

        var split = nimbus("alias", "set", "versioned", "live", "1", "--weight", "2=10%", "--description", "prod");
        assertThat(split.exit()).as(split.err()).isZero();
        assertThat(split.out()).isEqualTo("created alias versioned:live -> version 1 (90%), version 2 (10%)\n");
        assertThat(nimbus("alias", "get", "versioned", "live").out())
                .contains("version:     1\n", "weight:      2=0.1 (10% of invocations run version 2)\n");
        assertThat(nimbus("alias", "list", "versioned").out()).containsPattern("(?m)^live +1 +2=0\\.1 +\\S+ +prod$");

        var versions = nimbus("versions", "versioned");
        assertThat(versions.exit()).as(versions.err()).isZero();
        assertThat(versions.out().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("VERSION  REVISION  CODE");
            assertThat(lines.get(1)).matches("\\$LATEST +2 +[0-9a-f]{12} +\\S+ +second");
            assertThat(lines.get(2)).matches("1 +1 +[0-9a-f]{12} +\\S+ +first");
            assertThat(lines.get(3)).matches("2 +2 +[0-9a-f]{12} +\\S+ +release 2");
        });

        for (String routed : List.of("1", "2")) {
            var refused = nimbus("versions", "delete", "versioned", routed);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("aliases reference it: [live]", "(Conflict, request ");
        }

        assertThat(nimbus("alias", "set", "versioned", "live", "2", "--no-weight").out())
                .isEqualTo("updated alias versioned:live -> version 2\n");
        assertThat(nimbus("versions", "delete", "versioned", "1").out()).isEqualTo("deleted versioned version 1\n");
        assertThat(nimbus("alias", "delete", "versioned", "live").out()).isEqualTo("deleted alias versioned:live\n");
        assertThat(nimbus("versions", "delete", "versioned", "2").exit()).isZero();
        assertThat(nimbus("versions", "versioned", "-o", "json").out()).contains("\"$LATEST\"").doesNotContain("\"1\"");
        assertThat(nimbus("alias", "list", "versioned").out()).isEqualTo("ALIAS  VERSION  WEIGHT  UPDATED  DESCRIPTION\n");
    }

    @Test
    void reserveCapsTheFunctionAndGetShowsIt() throws Exception {
        assertThat(nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "capped").exit()).isZero();

        assertThat(nimbus("reserve", "capped", "0").exit()).isZero();
        assertThat(nimbus("get", "capped").out()).contains("version:      $LATEST\n",
                "reserved:     0 for all versions (every invocation is throttled)\n", "http payload: 2.0\n");
        var throttled = nimbus("invoke", "capped");
        assertThat(throttled.exit()).isEqualTo(1);
        assertThat(throttled.err()).contains("Throttled");

        assertThat(nimbus("reserve", "capped", "--clear").out()).isEqualTo("capped: no reserved concurrency\n");
        assertThat(nimbus("get", "capped").out()).contains("reserved:     -\n");
        var invoked = nimbus("invoke", "capped", "--data", "{\"body\": \"{}\"}");
        assertThat(invoked.exit()).as(invoked.err()).isZero();
    }

    @Test
    void invokeAsyncPrintsAnEventIdThatEventsAndTopFollow() throws Exception {
        assertThat(nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "queued").exit()).isZero();

        var queued = nimbus("invoke", "queued", "--async", "--data", "{\"body\": \"{}\"}");

        assertThat(queued.exit()).as(queued.err()).isZero();
        String id = queued.out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(nimbus("events", "--id", id).out()).contains("status:", "delivered", "queued"));
        assertThat(nimbus("events", "--function", "queued", "--status", "delivered").out()).contains(id);
        assertThat(nimbus("top").out()).contains("FUNCTION", "queued");
        assertThat(nimbus("top", "queued").out()).contains("$LATEST");
    }

    @Test
    void scheduleSetListGetDelete() throws Exception {
        assertThat(nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "timed").exit()).isZero();

        var set = nimbus("schedule", "set", "hourly", "--function", "timed", "--expression", "rate(1 hour)");
        var bad = nimbus("schedule", "set", "bad", "--function", "timed", "--expression", "cron(0 12 * * *)");

        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("hourly", "timed", "rate(1 hour)", "UTC");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("6 fields");
        assertThat(nimbus("schedule", "list").out()).contains("hourly");
        assertThat(nimbus("schedule", "get", "hourly", "-o", "json").out()).contains("\"nextFireAt\"");
        assertThat(nimbus("schedule", "delete", "hourly").out()).contains("deleted schedule hourly");
        assertThat(nimbus("schedule", "get", "hourly").exit()).isEqualTo(1);
        assertThat(nimbus("events", "--schedule", "hourly").out()).startsWith("No events.");
    }

    @Test
    void secretSetListDeleteNeverPrintsTheValue() throws Exception {
        var set = nimbus("secret", "set", "api-token", "--value", "tok-123-secret");

        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("${secret:api-token}").doesNotContain("tok-123-secret");
        assertThat(nimbus("secret", "list").out()).contains("api-token").doesNotContain("tok-123-secret");
        assertThat(nimbus("secret", "delete", "api-token").out()).contains("deleted secret api-token");
        assertThat(nimbus("secret", "delete", "api-token").exit()).isEqualTo(1);
    }

    @Test
    void deliverySetsShowsAndDeletesAFunctionsConfiguration() throws Exception {
        assertThat(nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "delivered").exit()).isZero();
        assertThat(nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "auditor").exit()).isZero();

        var set = nimbus("delivery", "delivered", "--max-retries", "1", "--on-failure", "function:auditor");
        var self = nimbus("delivery", "delivered", "--on-success", "function:delivered");

        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("max retries:", "1", "function:auditor");
        assertThat(self.exit()).isEqualTo(1);
        assertThat(self.err()).contains("its own destination");
        assertThat(nimbus("delivery", "delivered", "-o", "json").out()).contains("\"onFailure\" : \"function:auditor\"");
        assertThat(nimbus("delivery", "delivered", "--delete").out()).contains("deleted");
        assertThat(nimbus("delivery", "delivered").exit()).isEqualTo(1);
    }

    @Test
    void doctorReportsTheSandboxAsTheServerSeesItAndFailsOnABadConfiguration(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        var doctor = nimbus("doctor", "--data-dir", dir.resolve("data").toString(), "--port", "0", "-o", "json");
        var status = new Api(server.url()).get("/api/v1/status").json();

        assertThat(doctor.exit()).as(doctor.out() + doctor.err()).isZero();
        var checks = new java.util.HashMap<String, String>();
        Api.JSON.readTree(doctor.out()).get("checks").forEach(c -> checks.put(c.get("check").asText(),
                c.get("status").asText()));
        assertThat(checks).containsKeys("java", "java-home", "config", "bubblewrap", "user-namespaces", "cgroups", "seccomp",
                "socat", "network", "user", "runtime python3", "runtime nodejs", "runtime java", "data-dir", "store", "disk",
                "port");
        assertThat(checks.get("network")).as("as the running server's status says")
                .isEqualTo(status.get("network").asText().equals("isolated") ? "ok" : "warn");
        assertThat(checks.get("cgroups")).isEqualTo(status.get("limits").asText().startsWith("cgroup") ? "ok" : "warn");
        var bad = nimbus("doctor", "--set", "sandbox.run-as=0");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("FAIL", "sandbox.run-as");

        String port = server.url().substring(server.url().lastIndexOf(':') + 1);
        var running = nimbus("doctor", "--data-dir", data.toString(), "--port", port);
        assertThat(running.exit()).as(running.out() + running.err()).isZero();
        assertThat(running.out()).containsPattern("(?m)^OK +port +a Nimbus server \\(\\S+\\) answers on 127\\.0\\.0\\.1:" + port)
                .containsPattern("(?m)^OK +store +SQLite \\S+nimbus\\.db opens$")
                .containsPattern("(?m)^WARN +data-dir +.*a server is running on it$")
                .contains("hint: a second server needs another --data-dir");
    }

    @Test
    void scriptsGetJsonFromWritingCommandsAndInvocationsListWhatRan() throws Exception {
        var deploy = nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "scripted", "-o", "json");
        assertThat(deploy.exit()).as(deploy.err()).isZero();
        assertThat(Api.JSON.readTree(deploy.out()).get("name").asText()).isEqualTo("scripted");

        var invoke = nimbus("invoke", "scripted", "--data", "{\"body\": \"{\\\"a\\\": 1}\"}", "--logs", "-o", "json");
        assertThat(invoke.exit()).as(invoke.err()).isZero();
        var result = Api.JSON.readTree(invoke.out());
        String id = result.get("requestId").asText();
        assertThat(result.get("status").asText()).isEqualTo("success");
        assertThat(result.get("result").get("statusCode").asInt()).isEqualTo(200);
        assertThat(result.get("log").toString()).contains("START RequestId: " + id, "REPORT RequestId: " + id);

        var logs = nimbus("logs", "scripted", "-o", "json");
        assertThat(logs.exit()).as(logs.err()).isZero();
        var records = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        for (String line : logs.out().lines().toList()) {
            records.add(Api.JSON.readTree(line));
        }
        assertThat(records).isNotEmpty().anySatisfy(r -> assertThat(r.get("requestId").asText()).isEqualTo(id));

        var table = nimbus("invocations", "scripted");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("TIME ").containsPattern("(?m)^\\S+Z +" + id + " +\\$LATEST .* success( +-)?$");
        var page = Api.JSON.readTree(nimbus("invocations", "scripted", "--limit", "5", "-o", "json").out());
        assertThat(page.get("invocations").get(0).get("requestId").asText()).isEqualTo(id);

        var deleted = nimbus("delete", "scripted", "-o", "json");
        assertThat(deleted.exit()).isZero();
        assertThat(Api.JSON.readTree(deleted.out())).isEqualTo(Api.JSON.readTree("{\"deleted\":\"scripted\",\"kind\":\"function\"}"));
    }

    @Test
    void completionNamesEveryCommandAndFailuresSayWhatWasTriedNeverTheKey() throws Exception {
        var completion = nimbus("completion", "bash");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F _complete_nimbus", "_picocli_nimbus_deploy()",
                "_picocli_nimbus_invocations()", "_picocli_nimbus_server()", "_picocli_nimbus_doctor()");

        String wrong = "NKAAAAAAAAAAAAAAAAAA.not-the-right-secret-not-the-right-secret-000";
        var refused = nimbusWith(java.util.Map.of("NIMBUS_API_KEY", wrong), "list");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("(Unauthorized, request ", "the API key from $NIMBUS_API_KEY was not accepted")
                .doesNotContain("not-the-right-secret");

        var unreachable = nimbusWith(java.util.Map.of("NIMBUS_URL", "http://127.0.0.1:9"), "list");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).isEqualTo("error: cannot reach Nimbus at http://127.0.0.1:9: start a server with"
                + " 'nimbus server', or name yours with --url or $NIMBUS_URL\n");
    }

    @Test
    void badDeployFailsWithTheServersMessage() throws Exception {
        var run = nimbus("deploy", examples.resolve("python-reference").toString(), "--name", "bad-mem", "--memory", "64");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("memoryMb must be between 128 and 10240, was 64");
    }
}
