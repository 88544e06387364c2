package dev.nimbus.cli.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VersionsCommandsTest {
    private static final String VERSIONS = "/api/v1/functions/orders/versions";
    private static final String SHA_A = "ab12cd34ef56" + "0".repeat(52);
    private static final String SHA_B = "ff00ff00ff00" + "1".repeat(52);
    private static final String LATEST = version("$LATEST", 7, SHA_B, "Takes orders", "2025-05-03T09:00:00.9Z");
    private static final String V1 = version("1", 2, SHA_A, "first cut", "2025-05-01T10:00:00Z");
    private static final String V2 = version("2", 7, SHA_B, "", "2025-05-03T09:30:00Z");
    private static final String NL = System.lineSeparator();

    private FakeNimbus server;

    private static String version(String version, long revision, String sha, String description, String createdAt) {
        return """
                {"name":"orders","version":"%s","revision":%d,"revisionId":"r-%d","runtime":"python3",
                 "handler":"app.handler","memoryMb":128,"timeoutSeconds":3,"environment":{},"description":"%s",
                 "concurrency":100,"reservedConcurrency":null,"role":"","httpPayloadFormat":"2.0",
                 "codeSha256":"%s","codeSize":10,"createdAt":"%s"}""".formatted(version, revision, revision, description,
                sha, createdAt);
    }

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus().on("GET", VERSIONS, 200, "{\"versions\":[" + LATEST + "," + V1 + "]}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void publishPrintsTheNewVersionNumberAndSendsTheDescription() throws IOException {
        server.on("POST", VERSIONS, 201, V2);

        CliRun run = CliRun.run(server, "publish", "orders", "--description", "black friday");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("published orders version 2 (revision 7)" + NL);
        var publish = server.requests().getLast();
        assertThat(publish.method()).isEqualTo("POST");
        assertThat(new ObjectMapper().readTree(publish.text()))
                .isEqualTo(new ObjectMapper().readTree("{\"description\":\"black friday\"}"));
        assertThat(publish.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void publishWithoutChangesSaysTheExistingVersionHoldsLatest() {
        server.on("GET", VERSIONS, 200, "{\"versions\":[" + LATEST + "," + V1 + "," + V2 + "]}")
                .on("POST", VERSIONS, 201, V2);

        CliRun plain = CliRun.run(server, "publish", "orders");
        CliRun described = CliRun.run(server, "publish", "orders", "--description", "again");

        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).isEqualTo("orders version 2 already holds $LATEST (revision 7); nothing new published" + NL);
        assertThat(described.out()).isEqualTo("orders version 2 already holds $LATEST (revision 7); nothing new published,"
                + " --description not applied" + NL);
        assertThat(server.requests().get(1).text()).isEqualTo("{}");
    }

    @Test
    void publishJsonIsTheServersVersionDocument() throws IOException {
        server.on("POST", VERSIONS, 201, V2);

        CliRun run = CliRun.run(server, "publish", "orders", "-o", "json");

        assertThat(new ObjectMapper().readTree(run.out())).isEqualTo(new ObjectMapper().readTree(V2));
    }

    @Test
    void publishingAnUnknownFunctionExitsOneWithoutPublishing() {
        server.on("GET", "/api/v1/functions/ghost/versions", 404,
                "{\"error\":{\"code\":\"NotFound\",\"message\":\"Function not found: ghost\",\"requestId\":\"r1\"}}");

        CliRun run = CliRun.run(server, "publish", "ghost");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: Function not found: ghost (NotFound, request r1)" + NL);
        assertThat(server.requests()).extracting(FakeNimbus.Request::method).containsExactly("GET");
    }

    @Test
    void versionsPrintsLatestAndPublishedVersionsWithShortCodeHashes() {
        CliRun shorthand = CliRun.run(server, "versions", "orders");
        CliRun list = CliRun.run(server, "versions", "list", "orders");

        assertThat(shorthand.exitCode()).isZero();
        assertThat(shorthand.out()).isEqualTo("""
                VERSION  REVISION  CODE          CREATED               DESCRIPTION
                $LATEST  7         ff00ff00ff00  2025-05-03T09:00:00Z  Takes orders
                1        2         ab12cd34ef56  2025-05-01T10:00:00Z  first cut
                """);
        assertThat(list.out()).isEqualTo(shorthand.out());
        assertThat(server.requests()).extracting(FakeNimbus.Request::target).containsExactly(VERSIONS, VERSIONS);
    }

    @Test
    void versionsJsonIsTheServersDocument() throws IOException {
        CliRun run = CliRun.run(server, "versions", "orders", "--output", "json");

        assertThat(new ObjectMapper().readTree(run.out()))
                .isEqualTo(new ObjectMapper().readTree("{\"versions\":[" + LATEST + "," + V1 + "]}"));
    }

    @Test
    void versionsWithoutANameIsAUsageError() {
        CliRun run = CliRun.run(server, "versions");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Missing required parameter: 'NAME'", "try 'nimbus versions --help'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteRemovesTheVersionAndConfirms() {
        server.on("DELETE", VERSIONS + "/1", 204, null);

        CliRun run = CliRun.run(server, "versions", "delete", "orders", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("deleted orders version 1" + NL);
        assertThat(server.onlyRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void deletingAVersionAnAliasRoutesToShowsTheServersRefusal() {
        server.on("DELETE", VERSIONS + "/1", 409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"Unable to delete"
                + " version because the following aliases reference it: [live]\",\"requestId\":\"r2\"}}");

        CliRun run = CliRun.run(server, "versions", "delete", "orders", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: Unable to delete version because the following aliases reference it:"
                + " [live] (Conflict, request r2)" + NL);
    }

    @Test
    void nestedSubcommandsTakeUrlAndEscapeTheVersion() throws IOException {
        try (var other = new FakeNimbus()) {
            other.on("DELETE", VERSIONS + "/%24LATEST", 400, "{\"error\":{\"code\":\"InvalidParameter\",\"message\":"
                    + "\"$LATEST version cannot be deleted without deleting the function.\",\"requestId\":\"r3\"}}");

            CliRun run = CliRun.run(server, "versions", "delete", "orders", "$LATEST", "--url", other.url());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("$LATEST version cannot be deleted");
            assertThat(other.onlyRequest().target()).isEqualTo(VERSIONS + "/%24LATEST");
            assertThat(server.requests()).isEmpty();
        }
    }
}
