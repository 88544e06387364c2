package dev.nimbus.cli.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamespaceCommandTest {
    private static final String PATH = "/api/v1/namespaces";
    private static final String TEAM_A = """
            {"name":"team-a","maxFunctions":10,"maxInstances":20,"maxCodeBytes":52428800,
             "createdAt":"2026-11-26T10:00:00Z","usage":{"functions":3,"instances":1,"keys":2}}""";
    private static final String DEFAULT = """
            {"name":"default","maxFunctions":null,"maxInstances":null,"maxCodeBytes":null,
             "createdAt":"2026-11-01T08:00:00.5Z","usage":{"functions":12,"instances":0,"keys":4}}""";
    private static final String NL = System.lineSeparator();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus()
                .on("GET", PATH, 200, "{\"namespaces\":[" + DEFAULT + "," + TEAM_A + "]}")
                .on("GET", PATH + "/team-a", 200, TEAM_A);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listShowsUseAgainstEachLimitAndUnlimitedForNone() {
        CliRun run = CliRun.run(server, "namespace", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(""
                + "NAME     FUNCTIONS     INSTANCES    KEYS  MAX CODE SIZE  CREATED" + NL
                + "default  12/unlimited  0/unlimited  4     unlimited      2026-11-01T08:00:00Z" + NL
                + "team-a   3/10          1/20         2     50 MiB         2026-11-26T10:00:00Z" + NL);
        assertThat(server.onlyRequest().target()).isEqualTo(PATH);
    }

    @Test
    void listWithoutNamespacesSaysSo() {
        server.on("GET", PATH, 200, "{\"namespaces\":[]}");

        assertThat(CliRun.run(server, "namespace", "list").out()).isEqualTo("No namespaces." + NL);
    }

    @Test
    void listAndGetAsJsonPrintTheServersDocument() throws IOException {
        CliRun list = CliRun.run(server, "namespace", "list", "-o", "json");
        CliRun get = CliRun.run(server, "namespace", "get", "team-a", "--output", "json");

        assertThat(JSON.readTree(list.out())).isEqualTo(JSON.readTree("{\"namespaces\":[" + DEFAULT + "," + TEAM_A + "]}"));
        assertThat(JSON.readTree(get.out())).isEqualTo(JSON.readTree(TEAM_A));
    }

    @Test
    void getShowsLimitsUsageAndCreation() {
        CliRun run = CliRun.run(server, "namespace", "get", "team-a");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(""
                + "name:          team-a" + NL
                + "max functions: 10" + NL
                + "max instances: 20" + NL
                + "max code size: 50 MiB" + NL
                + "functions:     3" + NL
                + "instances:     1" + NL
                + "keys:          2" + NL
                + "created:       2026-11-26T10:00:00Z" + NL);
        assertThat(server.onlyRequest().target()).isEqualTo(PATH + "/team-a");
    }

    @Test
    void getOfAMissingNamespaceShowsTheServersMessage() {
        server.on("GET", PATH + "/team-z", 404, "{\"error\":{\"code\":\"NotFound\","
                + "\"message\":\"namespace team-z does not exist\",\"requestId\":\"r-1\"}}");

        CliRun run = CliRun.run(server, "namespace", "get", "team-z");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: namespace team-z does not exist (NotFound, request r-1)" + NL);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void setCreatesWithAllThreeLimitsAndSaysSo() throws IOException {
        server.on("PUT", PATH + "/team-a", 201, TEAM_A);

        CliRun run = CliRun.run(server, "namespace", "set", "team-a", "--max-functions", "10", "--max-instances", "20",
                "--max-code-size", "50MB");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("created namespace team-a" + NL + "name:          team-a" + NL)
                .contains("max code size: 50 MiB");
        var put = server.onlyRequest();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.target()).isEqualTo(PATH + "/team-a");
        assertThat(put.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree(
                "{\"maxFunctions\":10,\"maxInstances\":20,\"maxCodeBytes\":52428800}"));
    }

    @Test
    void setReplacesEveryLimitSoThoseLeftOutAreSentAsUnlimited() throws IOException {
        server.on("PUT", PATH + "/team-a", 200, TEAM_A);

        CliRun run = CliRun.run(server, "namespace", "set", "team-a", "--max-code-size", "1GiB", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree(TEAM_A));
        assertThat(JSON.readTree(server.onlyRequest().body())).isEqualTo(JSON.readTree(
                "{\"maxFunctions\":null,\"maxInstances\":null,\"maxCodeBytes\":1073741824}"));
    }

    @Test
    void setThatUpdatesSaysUpdated() {
        server.on("PUT", PATH + "/team-a", 200, TEAM_A);

        assertThat(CliRun.run(server, "namespace", "set", "team-a", "--max-functions", "10").out())
                .startsWith("updated namespace team-a" + NL);
    }

    @Test
    void badNamesAndLimitsAreRefusedBeforeAnyRequest() {
        CliRun name = CliRun.run(server, "namespace", "set", "Team_A");
        CliRun zero = CliRun.run(server, "namespace", "set", "team-a", "--max-instances", "0");
        CliRun size = CliRun.run(server, "namespace", "set", "team-a", "--max-code-size", "50 furlongs");
        CliRun delete = CliRun.run(server, "namespace", "delete", "a".repeat(33));

        assertThat(name.exitCode()).isEqualTo(2);
        assertThat(name.err()).contains("a namespace name must be 1-32 lower-case letters", "was 'Team_A'");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("error: --max-instances must be at least 1, was 0; leave it out for unlimited");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("--max-code-size", "e.g. 50MB; was '50 furlongs'");
        assertThat(delete.exitCode()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteSaysSo() {
        server.on("DELETE", PATH + "/team-a", 204, null);

        CliRun run = CliRun.run(server, "namespace", "delete", "team-a");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("deleted namespace team-a" + NL);
        assertThat(server.onlyRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void deleteOfANamespaceInUseShowsWhatTheServerSaysIsLeft() {
        server.on("DELETE", PATH + "/team-a", 409, "{\"error\":{\"code\":\"Conflict\","
                + "\"message\":\"namespace team-a still has 3 functions and 2 keys\",\"requestId\":\"r-2\"}}");

        CliRun run = CliRun.run(server, "namespace", "delete", "team-a");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: namespace team-a still has 3 functions and 2 keys (Conflict, request r-2)"
                + NL);
        assertThat(run.out()).isEmpty();
    }
}
