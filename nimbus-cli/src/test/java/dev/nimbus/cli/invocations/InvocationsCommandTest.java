package dev.nimbus.cli.invocations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvocationsCommandTest {
    private static final String PATH = "/api/v1/functions/orders/invocations";
    private static final String PAGE = """
            {"invocations":[
             {"requestId":"3f0c2a9b-1111","function":"orders","version":"$LATEST","revision":4,"trigger":"http",
              "instanceId":"i-1","arrived":"2025-05-01T10:00:02.345Z","start":"cold","queuedMs":3,
              "coldStart":{"queuedMs":3,"spawnMs":40,"runtimeInitMs":120.5,"handlerInitMs":250},
              "durationMs":12.25,"outcome":"function_error","errorType":"ValueError","maxMemoryMb":31,
              "log":["START RequestId: 3f0c2a9b-1111","REPORT RequestId: 3f0c2a9b-1111"]},
             {"requestId":"77aa","function":"orders","version":"2","trigger":"async",
              "arrived":"2025-05-01T09:59:59Z","start":"warm","durationMs":3,"outcome":"success"},
             {"requestId":"88bb","arrived":"2025-05-01T09:59:58Z","start":"provisioned","outcome":"timeout"}],
             "nextCursor":"c-2"}""";

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus().on("GET", PATH, 200, PAGE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tableShowsOneLinePerInvocationAndTheNextPageOnStderr() {
        CliRun run = CliRun.run(server, "invocations", "orders");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                TIME                  REQUEST ID     VERSION  TRIGGER  START                 DURATION  OUTCOME         ERROR TYPE
                2025-05-01T10:00:02Z  3f0c2a9b-1111  $LATEST  http     cold (410.5 ms init)  12.3 ms   function_error  ValueError
                2025-05-01T09:59:59Z  77aa           2        async    warm                  3 ms      success         -
                2025-05-01T09:59:58Z  88bb           -        -        provisioned           -         timeout         -
                """);
        assertThat(run.err()).isEqualTo("next page: --cursor c-2" + System.lineSeparator());
        assertThat(server.onlyRequest().target()).isEqualTo(PATH);
    }

    @Test
    void filtersAndPageGoToTheQuery() {
        CliRun run = CliRun.run(server, "invocations", "orders", "--outcome", "success,function_error", "--outcome",
                "timeout", "--since", "2025-05-01T09:00:00Z", "--until", "2025-05-01T10:00:00Z", "--limit", "20",
                "--cursor", "c/1+");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.onlyRequest().target()).isEqualTo(PATH + "?limit=20&cursor=c%2F1%2B"
                + "&outcome=success,function_error,timeout&since=2025-05-01T09%3A00%3A00Z&until=2025-05-01T10%3A00%3A00Z");
    }

    @Test
    void anAgeIsSentAsTheInstantItNames() {
        CliRun run = CliRun.run(server, "invocations", "orders", "--since", "1h");

        assertThat(run.exitCode()).isZero();
        assertThat(server.onlyRequest().target()).matches(java.util.regex.Pattern.quote(PATH)
                + "\\?since=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\d(\\.\\d+)?Z");
    }

    @Test
    void jsonIsTheServersPageAndTheLastPageSaysNothingMore() throws IOException {
        server.on("GET", PATH, 200, "{\"invocations\":[]}");

        CliRun json = CliRun.run(server, "invocations", "orders", "-o", "json");
        CliRun table = CliRun.run(server, "invocations", "orders");

        assertThat(new ObjectMapper().readTree(json.out())).isEqualTo(new ObjectMapper().readTree("{\"invocations\":[]}"));
        assertThat(json.err()).isEmpty();
        assertThat(table.out()).isEqualTo("No invocations." + System.lineSeparator());
        assertThat(table.err()).isEmpty();
    }

    @Test
    void badFiltersAreUsageErrorsBeforeAnyRequest() {
        CliRun outcome = CliRun.run(server, "invocations", "orders", "--outcome", "success,failed");
        CliRun since = CliRun.run(server, "invocations", "orders", "--since", "yesterday");
        CliRun order = CliRun.run(server, "invocations", "orders", "--since", "1h", "--until", "2h");
        CliRun limit = CliRun.run(server, "invocations", "orders", "--limit", "0");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("error: --outcome must be among function_error, init_error, platform_error,"
                + " success, throttled, timeout, was 'failed'");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("error: --since must be an age such as 30s, 15m, 1h or 7d, or an ISO-8601",
                "was 'yesterday'");
        assertThat(order.exitCode()).isEqualTo(2);
        assertThat(order.err()).contains("error: --since must be before --until");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("error: --limit must be 1-200, was 0");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnknownFunctionFailsWithTheServersMessage() {
        server.on("GET", PATH, 404, "{\"error\":{\"code\":\"ResourceNotFound\","
                + "\"message\":\"Function not found: orders\",\"requestId\":\"r9\"}}");

        CliRun run = CliRun.run(server, "invocations", "orders");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: Function not found: orders (ResourceNotFound, request r9)"
                + System.lineSeparator());
    }

    @Test
    void oneInvocationIsFoundPageByPageAndShownWithItsLog() {
        var record = PAGE.substring(PAGE.indexOf("{\"requestId\":\"3f0c2a9b-1111\""), PAGE.indexOf(",\n {\"requestId\":\"77aa\""));
        server.on("GET", PATH + "/3f0c2a9b-1111", 200, record);
        CliRun run = CliRun.run(server, "invocations", "orders", "3f0c2a9b-1111");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                request id: 3f0c2a9b-1111
                function:   orders
                version:    $LATEST (revision 4)
                trigger:    http
                instance:   i-1
                arrived:    2025-05-01T10:00:02.345Z
                start:      cold
                cold start: spawn 40 ms, runtime init 120.5 ms, handler init 250 ms
                queued:     3 ms
                duration:   12.3 ms
                outcome:    function_error (ValueError)
                max memory: 31 MB
                trace id:   -
                log:        START RequestId: 3f0c2a9b-1111
                            REPORT RequestId: 3f0c2a9b-1111
                """);
        assertThat(server.onlyRequest().target()).isEqualTo(PATH + "/3f0c2a9b-1111");
    }

    @Test
    void aRecordTheServerNoLongerKeepsFailsWithItsMessage() {
        server.on("GET", PATH + "/nope", 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no record of invocation"
                + " nope of orders is kept\",\"requestId\":\"r1\"}}");

        CliRun missing = CliRun.run(server, "invocations", "orders", "nope");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no record of invocation nope of orders is kept");
    }
}
