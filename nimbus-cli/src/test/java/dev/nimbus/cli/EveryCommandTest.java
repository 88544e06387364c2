package dev.nimbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What holds for every command: {@code -o table|json}, and what writing commands print for scripts. */
class EveryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Print no document: help text, and a shell script. */
    private static final Set<String> WITHOUT_OUTPUT = Set.of("nimbus help", "nimbus completion");

    @Test
    void everyCommandThatRunsTakesOutputTableOrJson() {
        List<String> runnable = new ArrayList<>();
        List<String> without = new ArrayList<>();
        walk(NimbusCli.commandLine(Shell.of(Map.of())), runnable, without);

        assertThat(runnable).contains("nimbus deploy", "nimbus invoke", "nimbus delete", "nimbus reserve", "nimbus logs",
                "nimbus invocations", "nimbus alias delete", "nimbus versions delete", "nimbus key delete",
                "nimbus secret set", "nimbus secret delete", "nimbus schedule delete", "nimbus namespace delete",
                "nimbus delivery", "nimbus dlq", "nimbus top", "nimbus publish", "nimbus events");
        assertThat(without).containsExactlyInAnyOrderElementsOf(WITHOUT_OUTPUT);
    }

    private static void walk(CommandLine command, List<String> runnable, List<String> without) {
        var spec = command.getCommandSpec();
        if (command.getCommand() instanceof Callable<?> || command.getCommand() instanceof Runnable) {
            runnable.add(spec.qualifiedName());
            var option = spec.findOption("--output");
            if (option == null || spec.findOption("-o") != option) {
                without.add(spec.qualifiedName());
            }
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, runnable, without));
    }

    /** Each writing command, what the fake server answers it, and what {@code -o json} must print. */
    record Case(List<String> args, String method, String path, int status, String answer, String printed) {
    }

    @Test
    void writingCommandsPrintTheServersAnswerOrWhatWasDoneAsJson() throws IOException {
        List<Case> cases = List.of(
                new Case(List.of("delete", "echo"), "DELETE", "/api/v1/functions/echo", 204, null,
                        "{\"deleted\":\"echo\",\"kind\":\"function\"}"),
                new Case(List.of("alias", "delete", "echo", "live"), "DELETE", "/api/v1/functions/echo/aliases/live", 204,
                        null, "{\"deleted\":\"echo:live\",\"kind\":\"alias\"}"),
                new Case(List.of("versions", "delete", "echo", "1"), "DELETE", "/api/v1/functions/echo/versions/1", 204,
                        null, "{\"deleted\":\"echo:1\",\"kind\":\"version\"}"),
                new Case(List.of("key", "delete", "NKAAAA"), "DELETE", "/api/v1/keys/NKAAAA", 204, null,
                        "{\"deleted\":\"NKAAAA\",\"kind\":\"key\"}"),
                new Case(List.of("secret", "delete", "token"), "DELETE", "/api/v1/secrets/token", 204, null,
                        "{\"deleted\":\"token\",\"kind\":\"secret\"}"),
                new Case(List.of("schedule", "delete", "hourly"), "DELETE", "/api/v1/schedules/hourly", 204, null,
                        "{\"deleted\":\"hourly\",\"kind\":\"schedule\"}"),
                new Case(List.of("namespace", "delete", "team-a"), "DELETE", "/api/v1/namespaces/team-a", 204, null,
                        "{\"deleted\":\"team-a\",\"kind\":\"namespace\"}"),
                new Case(List.of("delivery", "echo:live", "--delete"), "DELETE", "/api/v1/functions/echo/delivery", 204,
                        null, "{\"deleted\":\"echo:live\",\"kind\":\"delivery\"}"),
                new Case(List.of("reserve", "echo", "5"), "PUT", "/api/v1/functions/echo/concurrency", 200,
                        "{\"reservedConcurrency\":5}", "{\"function\":\"echo\",\"reservedConcurrency\":5}"),
                new Case(List.of("reserve", "echo", "--clear"), "DELETE", "/api/v1/functions/echo/concurrency", 204, null,
                        "{\"function\":\"echo\",\"reservedConcurrency\":null}"),
                new Case(List.of("secret", "set", "token", "--value", "s3cret"), "PUT", "/api/v1/secrets/token", 200,
                        "{\"name\":\"token\",\"createdAt\":\"2025-05-01T10:00:00Z\"}",
                        "{\"name\":\"token\",\"createdAt\":\"2025-05-01T10:00:00Z\"}"));
        for (Case c : cases) {
            try (var server = new FakeNimbus()) {
                server.on(c.method(), c.path(), c.status(), c.answer());
                var args = new ArrayList<>(c.args());
                CliRun table = CliRun.run(server, args.toArray(String[]::new));
                args.addAll(List.of("-o", "json"));
                CliRun json = CliRun.run(server, args.toArray(String[]::new));

                assertThat(table.exitCode()).as(c.args() + ": " + table.err()).isZero();
                assertThat(table.out()).as(c.args().toString()).isNotBlank().doesNotStartWith("{");
                assertThat(json.exitCode()).as(c.args() + ": " + json.err()).isZero();
                assertThat(JSON.readTree(json.out())).as(c.args().toString()).isEqualTo(JSON.readTree(c.printed()));
            }
        }
    }

    @Test
    void deployPrintsTheServersFunctionDocumentAsJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        try (var server = new FakeNimbus()) {
            java.nio.file.Files.writeString(dir.resolve("nimbus.yaml"), "name: orders\nruntime: python3\nhandler: app.handler\n");
            java.nio.file.Files.writeString(dir.resolve("app.py"), "def handler(e, c):\n    return e\n");
            server.on("POST", "/api/v1/code", 201, "{\"sha256\":\"abc\",\"size\":10}")
                    .on("PUT", "/api/v1/functions/orders", 201, "{\"name\":\"orders\",\"revision\":3,\"runtime\":\"python3\"}");

            CliRun json = CliRun.run(server, "deploy", dir.toString(), "-o", "json");

            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode document = JSON.readTree(json.out());
            assertThat(document.path("revision").asInt()).isEqualTo(3);
            assertThat(document.path("name").asText()).isEqualTo("orders");
        }
    }
}
