package dev.nimbus.cli.alias;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AliasCommandsTest {
    private static final String ALIASES = "/api/v1/functions/orders/aliases";
    private static final String LIVE = """
            {"function":"orders","name":"live","version":"2","description":"production","additionalVersion":"3",
             "additionalWeight":0.07,"revisionId":"a-1","updatedAt":"2025-05-04T08:00:00.25Z"}""";
    private static final String BETA = """
            {"function":"orders","name":"beta","version":"$LATEST","description":"","additionalVersion":null,
             "additionalWeight":0.0,"revisionId":"a-2","updatedAt":"2025-05-02T08:00:00Z"}""";
    private static final String NL = System.lineSeparator();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus()
                .on("GET", ALIASES, 200, "{\"aliases\":[" + BETA + "," + LIVE + "]}")
                .on("GET", ALIASES + "/live", 200, LIVE)
                .on("PUT", ALIASES + "/live", 200, LIVE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode sent() throws IOException {
        return JSON.readTree(server.requests().getLast().text());
    }

    @Test
    void setCreatesAnAliasAndSaysWhereItPoints() throws IOException {
        server.on("PUT", ALIASES + "/beta", 201, BETA);

        CliRun run = CliRun.run(server, "alias", "set", "orders", "beta", "$LATEST", "--description", "try me");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("created alias orders:beta -> version $LATEST" + NL);
        assertThat(server.onlyRequest().method()).isEqualTo("PUT");
        assertThat(sent()).isEqualTo(JSON.readTree("{\"version\":\"$LATEST\",\"description\":\"try me\"}"));
    }

    @Test
    void setWithAWeightSplitsTrafficAndShowsBothShares() throws IOException {
        CliRun run = CliRun.run(server, "alias", "set", "orders", "live", "2", "--weight", "3=7%");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("updated alias orders:live -> version 2 (93%), version 3 (7%)" + NL);
        assertThat(sent()).isEqualTo(JSON.readTree("{\"version\":\"2\",\"additionalVersion\":\"3\",\"additionalWeight\":0.07}"));
    }

    @Test
    void setWithOnlyAWeightLeavesTheVersionToTheServer() throws IOException {
        CliRun.run(server, "alias", "set", "orders", "live", "--weight", "3=0.25");

        assertThat(sent()).isEqualTo(JSON.readTree("{\"additionalVersion\":\"3\",\"additionalWeight\":0.25}"));
    }

    @Test
    void noWeightAndWeightNoneClearTheSplit() throws IOException {
        var clear = JSON.readTree("{\"version\":\"3\",\"additionalVersion\":null,\"additionalWeight\":0}");

        assertThat(CliRun.run(server, "alias", "set", "orders", "live", "3", "--no-weight").exitCode()).isZero();
        assertThat(sent()).isEqualTo(clear);
        assertThat(CliRun.run(server, "alias", "set", "orders", "live", "3", "--weight", "none").exitCode()).isZero();
        assertThat(sent()).isEqualTo(clear);
    }

    @ParameterizedTest
    @CsvSource({"3=1.5", "3=-0.1", "3=101%", "=0.1", "3", "3=ten", "3=0.1=2"})
    void badWeightsAreUsageErrorsBeforeAnyRequest(String weight) {
        CliRun run = CliRun.run(server, "alias", "set", "orders", "live", "2", "--weight", weight);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Invalid value for option '--weight': expected VERSION=SHARE",
                "was '" + weight + "'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void setWithNothingToSetOrWithBothWeightFlagsIsAUsageError() {
        CliRun nothing = CliRun.run(server, "alias", "set", "orders", "live");
        CliRun both = CliRun.run(server, "alias", "set", "orders", "live", "--weight", "3=0.1", "--no-weight");

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("error: nothing to set: give VERSION, --weight, --no-weight or --description");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void setShowsTheServersValidationMessage() {
        server.on("PUT", ALIASES + "/canary", 400, "{\"error\":{\"code\":\"InvalidParameter\",\"message\":"
                + "\"version is required: $LATEST or a published version number\",\"requestId\":\"r4\"}}");

        CliRun run = CliRun.run(server, "alias", "set", "orders", "canary", "--description", "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: version is required: $LATEST or a published version number"
                + " (InvalidParameter, request r4)" + NL);
    }

    @Test
    void getPrintsTheAliasWithItsSplit() {
        CliRun run = CliRun.run(server, "alias", "get", "orders", "live");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                function:    orders
                alias:       live
                version:     2
                weight:      3=0.07 (7% of invocations run version 3)
                description: production
                updated:     2025-05-04T08:00:00Z
                """);
    }

    @Test
    void listPrintsATableSortedAsTheServerSendsIt() {
        CliRun run = CliRun.run(server, "alias", "list", "orders");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                ALIAS  VERSION  WEIGHT  UPDATED               DESCRIPTION
                beta   $LATEST  -       2025-05-02T08:00:00Z  -
                live   2        3=0.07  2025-05-04T08:00:00Z  production
                """);
    }

    @Test
    void jsonOutputIsTheServersDocument() throws IOException {
        assertThat(JSON.readTree(CliRun.run(server, "alias", "get", "orders", "live", "-o", "json").out()))
                .isEqualTo(JSON.readTree(LIVE));
        assertThat(JSON.readTree(CliRun.run(server, "alias", "list", "orders", "-o", "json").out()))
                .isEqualTo(JSON.readTree("{\"aliases\":[" + BETA + "," + LIVE + "]}"));
        assertThat(JSON.readTree(CliRun.run(server, "alias", "set", "orders", "live", "2", "-o", "json").out()))
                .isEqualTo(JSON.readTree(LIVE));
    }

    @Test
    void deleteRemovesTheAliasAndEscapesItsName() {
        server.on("DELETE", ALIASES + "/live", 204, null);

        CliRun run = CliRun.run(server, "alias", "delete", "orders", "live");
        CliRun.run(server, "alias", "delete", "orders", "../versions/1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("deleted alias orders:live" + NL);
        assertThat(server.requests()).extracting(FakeNimbus.Request::target)
                .containsExactly(ALIASES + "/live", ALIASES + "/..%2Fversions%2F1");
    }

    @Test
    void aliasWithoutASubcommandListsThem() {
        CliRun run = CliRun.run(server, "alias");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Missing required subcommand", "set", "get", "list", "delete");
    }
}
