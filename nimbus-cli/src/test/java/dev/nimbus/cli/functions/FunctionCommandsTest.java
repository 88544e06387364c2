package dev.nimbus.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionCommandsTest {
    private static final String ORDERS = """
            {"name":"orders","version":"$LATEST","revision":3,"revisionId":"9b1f","runtime":"python3",
             "handler":"app.handler","memoryMb":128,"timeoutSeconds":3,"environment":{"TABLE":"orders","DEBUG":"1"},
             "description":"Takes orders","concurrency":100,"reservedConcurrency":20,"role":"",
             "httpPayloadFormat":"2.0","codeSha256":"ab12cd","codeSize":2048,
             "createdAt":"2025-05-01T10:00:00.123456Z","url":"http://127.0.0.1:8080/fn/orders"}""";
    private static final String THUMBNAILS = """
            {"name":"thumbnails","revision":12,"runtime":"nodejs","handler":"index.handler","memoryMb":1024,
             "timeoutSeconds":60,"environment":{},"description":"","concurrency":5,"codeSha256":"ff00",
             "codeSize":10,"createdAt":1746093600.5}""";

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus()
                .on("GET", "/api/v1/functions", 200, "{\"functions\":[" + ORDERS + "," + THUMBNAILS + "]}")
                .on("GET", "/api/v1/functions/orders", 200, ORDERS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listPrintsAnAlignedTable() {
        CliRun run = CliRun.run(server, "list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                NAME        REVISION  RUNTIME  HANDLER        MEMORY   TIMEOUT  UPDATED
                orders      3         python3  app.handler    128 MB   3 s      2025-05-01T10:00:00Z
                thumbnails  12        nodejs   index.handler  1024 MB  60 s     2025-05-01T10:00:00Z
                """);
        assertThat(server.onlyRequest().method()).isEqualTo("GET");
    }

    @Test
    void emptyListPrintsTheHeader() {
        server.on("GET", "/api/v1/functions", 200, "{\"functions\":[]}");

        assertThat(CliRun.run(server, "list").out())
                .isEqualTo("NAME  REVISION  RUNTIME  HANDLER  MEMORY  TIMEOUT  UPDATED" + System.lineSeparator());
    }

    @Test
    void jsonOutputIsTheServersDocument() throws IOException {
        var json = new ObjectMapper();

        CliRun list = CliRun.run(server, "list", "--output", "json");
        CliRun get = CliRun.run(server, "get", "orders", "-o", "JSON");

        assertThat(json.readTree(list.out())).isEqualTo(json.readTree("{\"functions\":[" + ORDERS + "," + THUMBNAILS + "]}"));
        assertThat(json.readTree(get.out())).isEqualTo(json.readTree(ORDERS));
    }

    @Test
    void getPrintsKeyValueLines() {
        CliRun run = CliRun.run(server, "get", "orders");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                name:         orders
                version:      $LATEST
                revision:     3
                runtime:      python3
                handler:      app.handler
                memory:       128 MB
                timeout:      3 s
                concurrency:  100 per version
                reserved:     20 for all versions
                http payload: 2.0
                network:      none (the platform only)
                description:  Takes orders
                code:         sha256:ab12cd (2048 bytes)
                updated:      2025-05-01T10:00:00Z
                environment:  DEBUG=1
                              TABLE=orders
                """);
        assertThat(server.onlyRequest().target()).isEqualTo("/api/v1/functions/orders");
    }

    @Test
    void getShowsTheLambdaRoleAndAZeroReservationAndDashesForWhatTheServerLeftOut() {
        server.on("GET", "/api/v1/functions/legacy", 200, """
                {"name":"legacy","version":"$LATEST","revision":1,"runtime":"nodejs","handler":"index.handler",
                 "memoryMb":256,"timeoutSeconds":10,"environment":{},"description":"","concurrency":1,
                 "reservedConcurrency":0,"role":"arn:aws:iam::123456789012:role/legacy","httpPayloadFormat":"1.0",
                 "codeSha256":"ff","codeSize":1,"createdAt":"2025-05-01T10:00:00Z"}""");
        server.on("GET", "/api/v1/functions/old", 200, "{\"name\":\"old\",\"revision\":1}");

        server.on("GET", "/api/v1/functions/scaled", 200, """
                {"name":"scaled","revision":2,"concurrency":10,"scaling":{"metric":"rps","target":20.0,
                 "targetUtilisation":0.7,"stableWindowSeconds":60,"minInstances":1,"maxInstances":10,
                 "initialInstances":2},"lastUpdate":{"status":"Failed","reason":"Runtime.ExitError: exit status 1",
                 "at":"2025-05-01T10:00:00Z"}}""");
        String legacy = CliRun.run(server, "get", "legacy").out();
        String scaled = CliRun.run(server, "get", "scaled").out();
        String old = CliRun.run(server, "get", "old").out();

        assertThat(scaled).contains("scaling:      rps, target 20 at 70%, 1-10 instances, 2 on deploy, window 60 s",
                "last update:  Failed at 2025-05-01T10:00:00Z: Runtime.ExitError: exit status 1");
        assertThat(legacy).contains("reserved:     0 for all versions (every invocation is throttled)",
                "http payload: 1.0", "role:         arn:aws:iam::123456789012:role/legacy", "description:  -",
                "environment:  -");
        assertThat(old).contains("version:      -", "reserved:     -", "http payload: -").doesNotContain("role:");
    }

    @Test
    void reserveSetsOrClearsTheCap() throws IOException {
        server.on("PUT", "/api/v1/functions/orders/concurrency", 200, "{\"reservedConcurrency\":5}")
                .on("DELETE", "/api/v1/functions/orders/concurrency", 204, null);

        CliRun set = CliRun.run(server, "reserve", "orders", "5");
        CliRun zero = CliRun.run(server, "reserve", "orders", "0");
        CliRun clear = CliRun.run(server, "reserve", "orders", "--clear");

        assertThat(set.exitCode()).isZero();
        assertThat(set.out()).isEqualTo("orders: reserved concurrency 5 for all versions" + System.lineSeparator());
        assertThat(zero.out()).isEqualTo("orders: reserved concurrency 0 for all versions (every invocation is throttled)"
                + System.lineSeparator());
        assertThat(clear.out()).isEqualTo("orders: no reserved concurrency" + System.lineSeparator());
        var json = new ObjectMapper();
        assertThat(server.requests()).extracting(FakeNimbus.Request::method).containsExactly("PUT", "PUT", "DELETE");
        assertThat(json.readTree(server.requests().getFirst().text())).isEqualTo(json.readTree("{\"reservedConcurrency\":5}"));
    }

    @Test
    void reserveNeedsExactlyOneOfNAndClearAndShowsTheServersRange() {
        server.on("PUT", "/api/v1/functions/orders/concurrency", 400, "{\"error\":{\"code\":\"InvalidParameter\","
                + "\"message\":\"reservedConcurrency must be between 0 and 1000, was 5000\",\"requestId\":\"r5\"}}");

        CliRun neither = CliRun.run(server, "reserve", "orders");
        CliRun both = CliRun.run(server, "reserve", "orders", "3", "--clear");
        assertThat(server.requests()).isEmpty();
        CliRun tooMany = CliRun.run(server, "reserve", "orders", "5000");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("error: give N (0-1000) or --clear");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("error: give either N or --clear, not both");
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(tooMany.err()).contains("reservedConcurrency must be between 0 and 1000, was 5000");
    }

    @Test
    void badOutputFormatIsAUsageError() {
        CliRun run = CliRun.run(server, "list", "--output", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Invalid value for option '--output'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteSendsDeleteAndConfirms() {
        server.on("DELETE", "/api/v1/functions/orders", 204, null);

        CliRun run = CliRun.run(server, "delete", "orders");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("deleted orders" + System.lineSeparator());
        assertThat(server.onlyRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void deletingAnUnknownFunctionExitsOne() {
        server.on("DELETE", "/api/v1/functions/ghost", 404, "{\"error\":{\"code\":\"ResourceNotFound\","
                + "\"message\":\"function ghost does not exist\",\"requestId\":\"r9\"}}");

        CliRun run = CliRun.run(server, "delete", "ghost");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("error: function ghost does not exist (ResourceNotFound, request r9)");
    }

    @Test
    void namesAreEscapedInThePath() {
        CliRun.run(server, "get", "../code");

        assertThat(server.onlyRequest().target()).isEqualTo("/api/v1/functions/..%2Fcode");
    }
}
