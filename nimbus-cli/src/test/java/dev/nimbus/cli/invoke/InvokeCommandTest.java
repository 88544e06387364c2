package dev.nimbus.cli.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import dev.nimbus.cli.FakeNimbus.Answer;
import dev.nimbus.cli.Shell;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String PATH = "/api/v1/functions/orders/invoke";

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus().on("POST", PATH, new Answer(200,
                Map.of("Content-Type", "application/json", "X-Nimbus-Request-Id", "req-1"), List.of("{\"ok\":true}")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsAnEmptyObjectByDefaultAndPrintsTheResult() {
        CliRun run = CliRun.run(server, "invoke", "orders");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{\"ok\":true}" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo(PATH);
        assertThat(request.text()).isEqualTo("{}");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void payloadComesFromDataFileOrStdin(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("event.json"), "{\"from\":\"file\"}");
        var stdin = new ByteArrayInputStream("{\"from\":\"stdin\"}".getBytes(StandardCharsets.UTF_8));
        var shell = new Shell(Map.of("NIMBUS_URL", server.url())::get, stdin);

        assertThat(CliRun.run(server, "invoke", "orders", "--data", "{\"from\":\"data\"}").exitCode()).isZero();
        assertThat(CliRun.run(server, "invoke", "orders", "--file", file.toString()).exitCode()).isZero();
        assertThat(CliRun.run(shell, "invoke", "orders", "--file", "-").exitCode()).isZero();

        assertThat(server.requests()).extracting(FakeNimbus.Request::text)
                .containsExactly("{\"from\":\"data\"}", "{\"from\":\"file\"}", "{\"from\":\"stdin\"}");
    }

    @Test
    void dataAndFileTogetherOrAMissingFileAreUsageErrors(@TempDir Path temp) {
        CliRun both = CliRun.run(server, "invoke", "orders", "--data", "{}", "--file", "x.json");
        CliRun missing = CliRun.run(server, "invoke", "orders", "--file", temp.resolve("nope.json").toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: cannot read --file " + temp.resolve("nope.json") + ": no such file");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void functionErrorPrintsTheErrorDocumentAndExitsOne() {
        server.on("POST", PATH, new Answer(200, Map.of("X-Nimbus-Function-Error", "Unhandled",
                "X-Nimbus-Request-Id", "req-2"), List.of("{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}")));

        CliRun run = CliRun.run(server, "invoke", "orders");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\"}" + System.lineSeparator());
        assertThat(run.err()).isEqualTo("error: function orders failed with Unhandled (request req-2)"
                + System.lineSeparator());
    }

    @Test
    void aQualifierStaysInTheFunctionsPathSegment() {
        server.on("POST", "/api/v1/functions/orders%3Alive/invoke", 200, "{\"via\":\"alias\"}")
                .on("POST", "/api/v1/functions/orders%3A%24LATEST/invoke", 200, "{\"via\":\"latest\"}");

        CliRun alias = CliRun.run(server, "invoke", "orders:live");
        CliRun latest = CliRun.run(server, "invoke", "orders:$LATEST");

        assertThat(alias.out()).isEqualTo("{\"via\":\"alias\"}" + System.lineSeparator());
        assertThat(latest.out()).isEqualTo("{\"via\":\"latest\"}" + System.lineSeparator());
        assertThat(server.requests()).extracting(FakeNimbus.Request::target).containsExactly(
                "/api/v1/functions/orders%3Alive/invoke", "/api/v1/functions/orders%3A%24LATEST/invoke");
    }

    @Test
    void unknownFunctionIsAServerError() {
        server.on("POST", PATH, 404, "{\"error\":{\"code\":\"ResourceNotFound\","
                + "\"message\":\"function orders does not exist\",\"requestId\":\"req-3\"}}");

        CliRun run = CliRun.run(server, "invoke", "orders");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: function orders does not exist (ResourceNotFound, request req-3)"
                + System.lineSeparator());
    }

    @Test
    void jsonOutputIsOneDocumentWithRequestIdStatusAndTheParsedResult() throws IOException {
        CliRun ok = CliRun.run(server, "invoke", "orders", "-o", "json");
        server.on("POST", PATH, new Answer(200, Map.of("X-Nimbus-Function-Error", "Unhandled",
                "X-Nimbus-Request-Id", "req-2"), List.of("{\"errorMessage\":\"boom\"}")));
        CliRun failed = CliRun.run(server, "invoke", "orders", "--output", "json");
        server.on("POST", PATH, new Answer(200, Map.of("X-Nimbus-Request-Id", "req-3"), List.of("1 apple")));
        CliRun text = CliRun.run(server, "invoke", "orders", "-o", "json");

        assertThat(ok.exitCode()).isZero();
        var okDoc = JSON.readTree(ok.out());
        assertThat(okDoc.path("requestId").asText()).isEqualTo("req-1");
        assertThat(okDoc.path("function").asText()).isEqualTo("orders");
        assertThat(okDoc.path("status").asText()).isEqualTo("success");
        assertThat(okDoc.has("functionError")).isFalse();
        assertThat(okDoc.path("result").path("ok").asBoolean()).isTrue();
        assertThat(failed.exitCode()).isEqualTo(1);
        var failedDoc = JSON.readTree(failed.out());
        assertThat(failedDoc.path("status").asText()).isEqualTo("function_error");
        assertThat(failedDoc.path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(failedDoc.path("result").path("errorMessage").asText()).isEqualTo("boom");
        assertThat(failed.err()).contains("error: function orders failed with Unhandled (request req-2)");
        assertThat(JSON.readTree(text.out()).path("result").isTextual()).isTrue();
        assertThat(JSON.readTree(text.out()).path("result").asText()).isEqualTo("1 apple");
    }

    @Test
    void logsAreThoseOfThisInvocationOnStderrOrInTheJsonDocument() throws IOException {
        server.on("GET", "/api/v1/functions/orders/logs", 200, """
                {"logs":[
                 {"time":"2025-05-01T10:00:00Z","requestId":"req-0","message":"START RequestId: req-0"},
                 {"time":"2025-05-01T10:00:01Z","requestId":"req-1","message":"START RequestId: req-1"},
                 {"time":"2025-05-01T10:00:01Z","requestId":"req-1","message":"hello\\n"},
                 {"time":"2025-05-01T10:00:01Z","requestId":"req-1","message":"REPORT RequestId: req-1 Duration: 2 ms"}]}""");

        server.on("POST", "/api/v1/functions/orders%3Alive/invoke", new Answer(200,
                Map.of("Content-Type", "application/json", "X-Nimbus-Request-Id", "req-1"), List.of("{\"ok\":true}")));

        CliRun table = CliRun.run(server, "invoke", "orders:live", "--logs");
        CliRun json = CliRun.run(server, "invoke", "orders:live", "--logs", "-o", "json");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).isEqualTo("{\"ok\":true}" + System.lineSeparator());
        assertThat(table.err()).isEqualTo(String.join(System.lineSeparator(), "START RequestId: req-1", "hello",
                "REPORT RequestId: req-1 Duration: 2 ms", ""));
        assertThat(JSON.readTree(json.out()).path("log")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("START RequestId: req-1", "hello", "REPORT RequestId: req-1 Duration: 2 ms");
        assertThat(server.requests()).extracting(FakeNimbus.Request::target)
                .contains("/api/v1/functions/orders/logs?limit=1000");
    }

    @Test
    void asyncJsonIsTheServersDocument() throws IOException {
        server.on("POST", "/api/v1/functions/orders/async", 202, "{\"id\":\"ev-1\"}");

        CliRun table = CliRun.run(server, "invoke", "orders", "--async");
        CliRun json = CliRun.run(server, "invoke", "orders", "--async", "-o", "json");

        assertThat(table.out()).isEqualTo("ev-1" + System.lineSeparator());
        assertThat(JSON.readTree(json.out()).path("id").asText()).isEqualTo("ev-1");
    }
}
