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
}
