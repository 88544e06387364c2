package dev.nimbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class NimbusCliTest {
    private static final String FUNCTIONS = "{\"functions\":[]}";

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.run(Shell.of(Map.of()), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("nimbus 0.1.0");

        CliRun help = CliRun.run(Shell.of(Map.of()), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--url", "--namespace", "deploy", "invoke", "list", "get", "delete", "logs",
                "publish", "versions", "alias", "reserve", "Manage namespaces (tenants)");
    }

    @Test
    void noSubcommandPrintsUsageAndExitsTwo() {
        CliRun run = CliRun.run(Shell.of(Map.of()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Missing required subcommand", "Usage: nimbus");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun run = CliRun.run(Shell.of(Map.of()), "deplyo");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Unmatched argument", "deploy", "try 'nimbus --help'");
    }

    @Test
    void urlFlagWorksBeforeAndAfterTheSubcommandAndBeatsTheEnvironment() throws IOException {
        try (var chosen = new FakeNimbus(); var other = new FakeNimbus()) {
            chosen.on("GET", "/api/v1/functions", 200, FUNCTIONS);
            var shell = Shell.of(Map.of("NIMBUS_URL", other.url()));

            assertThat(CliRun.run(shell, "--url", chosen.url(), "list").exitCode()).isZero();
            assertThat(CliRun.run(shell, "list", "--url", chosen.url() + "/").exitCode()).isZero();

            assertThat(chosen.requests()).extracting(FakeNimbus.Request::target)
                    .containsExactly("/api/v1/functions", "/api/v1/functions");
            assertThat(other.requests()).isEmpty();
        }
    }

    @Test
    void environmentVariableNamesTheServerWhenThereIsNoFlag() throws IOException {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/functions", 200, FUNCTIONS);

            assertThat(CliRun.run(server, "list").exitCode()).isZero();
            assertThat(server.onlyRequest().target()).isEqualTo("/api/v1/functions");
        }
    }

    @Test
    void defaultServerIsLocalPort8080() {
        CommandLine cli = NimbusCli.commandLine(Shell.of(Map.of()));
        cli.parseArgs("list");

        assertThat(((NimbusCli) cli.getCommand()).serverUri()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void malformedUrlIsAUsageError() {
        CliRun flag = CliRun.run(Shell.of(Map.of()), "--url", "127.0.0.1:8080", "list");
        CliRun env = CliRun.run(Shell.of(Map.of("NIMBUS_URL", "ftp://example.com")), "list");

        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.err()).contains("error: --url must be an http(s) URL such as http://127.0.0.1:8080, "
                + "was '127.0.0.1:8080'");
        assertThat(env.exitCode()).isEqualTo(2);
        assertThat(env.err()).contains("error: NIMBUS_URL must be an http(s) URL");
    }

    @Test
    void namespaceFlagIsSentOnEveryRequestWhereverItStandsAndBeatsTheEnvironment() throws IOException {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/functions", 200, FUNCTIONS).on("GET", "/api/v1/keys", 200, "{\"keys\":[]}");
            var shell = Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_NAMESPACE", "from-env"));

            assertThat(CliRun.run(shell, "--namespace", "team-a", "list").exitCode()).isZero();
            assertThat(CliRun.run(shell, "list", "--namespace", "team-b").exitCode()).isZero();
            assertThat(CliRun.run(shell, "key", "list", "--namespace", "team-c").exitCode()).isZero();

            assertThat(server.requests()).extracting(r -> r.header("X-Nimbus-Namespace"))
                    .containsExactly("team-a", "team-b", "team-c");
        }
    }

    @Test
    void namespaceVariableIsSentWhenThereIsNoFlagAndNothingWithoutEither() throws IOException {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/functions", 200, FUNCTIONS);

            assertThat(CliRun.run(Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_NAMESPACE", "team-a")), "list")
                    .exitCode()).isZero();
            assertThat(CliRun.run(Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_NAMESPACE", " ")), "list")
                    .exitCode()).isZero();
            assertThat(CliRun.run(server, "list").exitCode()).isZero();

            assertThat(server.requests()).extracting(r -> r.header("X-Nimbus-Namespace"))
                    .containsExactly("team-a", null, null);
        }
    }

    @Test
    void malformedNamespaceIsAUsageErrorBeforeAnyRequest() throws IOException {
        try (var server = new FakeNimbus()) {
            var shell = Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_NAMESPACE", "Team_A"));

            CliRun flag = CliRun.run(shell, "--namespace", "-team", "list");
            CliRun tooLong = CliRun.run(shell, "--namespace", "a".repeat(33), "list");
            CliRun env = CliRun.run(shell, "list");

            assertThat(flag.exitCode()).isEqualTo(2);
            assertThat(flag.err()).contains("error: --namespace must be 1-32 lower-case letters, digits and '-', "
                    + "starting and ending with a letter or digit (e.g. team-a), was '-team'");
            assertThat(tooLong.exitCode()).isEqualTo(2);
            assertThat(tooLong.err()).contains("error: --namespace must be", "was '" + "a".repeat(33) + "'");
            assertThat(env.exitCode()).isEqualTo(2);
            assertThat(env.err()).contains("error: NIMBUS_NAMESPACE must be", "was 'Team_A'");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void refusedConnectionSaysHowToStartTheServer() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;

        CliRun run = CliRun.run(Shell.of(Map.of("NIMBUS_URL", url)), "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: cannot reach Nimbus at " + url
                + ": start a server with 'nimbus server', or name yours with --url or $NIMBUS_URL" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void serverErrorShowsMessageCodeAndRequestIdWithoutAStackTrace() throws IOException {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/functions/x", 400, "{\"error\":{\"code\":\"InvalidParameter\","
                    + "\"message\":\"handler must have the form module.function, e.g. app.handler, was 'x'\","
                    + "\"requestId\":\"3f0c1a\"}}");

            CliRun run = CliRun.run(server, "get", "x");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("error: handler must have the form module.function, e.g. app.handler, "
                    + "was 'x' (InvalidParameter, request 3f0c1a)" + System.lineSeparator());
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void refusedKeysAreNamedByWhereTheyCameFromNeverByValue(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dataDir)
            throws IOException {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/functions", 401, "{\"error\":{\"code\":\"Unauthorized\","
                    + "\"message\":\"missing or invalid API key\",\"requestId\":\"r1\"}}");
            server.on("GET", "/api/v1/keys", 403, "{\"error\":{\"code\":\"Forbidden\","
                    + "\"message\":\"this key may not manage keys\",\"requestId\":\"r2\"}}");
            java.nio.file.Files.writeString(dataDir.resolve("admin.key"), "NKFILE.file-secret\n");

            CliRun fromEnv = CliRun.run(Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_API_KEY", "NKENV.env-secret")),
                    "list");
            CliRun fromFlag = CliRun.run(server, "key", "list", "--api-key", "NKFLAG.flag-secret");
            CliRun fromFile = CliRun.run(Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_DATA_DIR", dataDir.toString())),
                    "list");
            CliRun none = CliRun.run(Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_DATA_DIR",
                    dataDir.resolve("none").toString())), "list");

            assertThat(fromEnv.exitCode()).isEqualTo(1);
            assertThat(fromEnv.err()).isEqualTo("error: missing or invalid API key (Unauthorized, request r1); the API key "
                    + "from $NIMBUS_API_KEY was not accepted" + System.lineSeparator());
            assertThat(fromFlag.err()).contains("this key may not manage keys (Forbidden, request r2); the API key from "
                    + "--api-key is not allowed to do this");
            assertThat(fromFile.err()).contains("the API key from " + dataDir.resolve("admin.key") + " was not accepted");
            assertThat(none.err()).contains("no API key was sent: set $NIMBUS_API_KEY or pass --api-key");
            assertThat(fromEnv.err() + fromFlag.err() + fromFile.err()).doesNotContain("secret");
        }
    }

    @Test
    void nonJsonErrorShowsStatusAndStartOfBody() throws IOException {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/functions", new FakeNimbus.Answer(502, Map.of("Content-Type", "text/html"),
                    java.util.List.of("<h1>Bad Gateway</h1>")));

            CliRun run = CliRun.run(server, "list");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: HTTP 502 from Nimbus at " + server.url() + ": <h1>Bad Gateway</h1>");
        }
    }

    @Test
    void extraSubcommandsArePluggedInAndInheritUrl() {
        var server = new ServerStub();
        CommandLine cli = NimbusCli.commandLine(Shell.of(Map.of()), server);

        int exit = cli.execute("server", "--url", "http://10.0.0.1:9000");

        assertThat(exit).isEqualTo(7);
        assertThat(cli.getSubcommands()).containsKey("server");
        assertThat(((NimbusCli) cli.getCommand()).serverUri()).isEqualTo(URI.create("http://10.0.0.1:9000"));
    }

    @Command(name = "server")
    static final class ServerStub implements Callable<Integer> {
        @Override
        public Integer call() {
            return 7;
        }
    }
}
