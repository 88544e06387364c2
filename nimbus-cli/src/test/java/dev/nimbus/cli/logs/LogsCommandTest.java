package dev.nimbus.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import dev.nimbus.cli.FakeNimbus.Answer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogsCommandTest {
    private static final String PATH = "/api/v1/functions/orders/logs";

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void printsTimeShortRequestIdAndMessage() {
        server.on("GET", PATH, 200, """
                {"logs":[
                 {"time":"2025-05-01T10:00:00.100Z","function":"orders","revision":3,"requestId":"","message":"init"},
                 {"time":"2025-05-01T10:00:01Z","function":"orders","revision":3,
                  "requestId":"3f0c2a9b-1111-2222-3333-444455556666","message":"hello\\n"}]}""");

        CliRun run = CliRun.run(server, "logs", "orders", "--limit", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                2025-05-01T10:00:00.100Z [--------] init
                2025-05-01T10:00:01Z [3f0c2a9b] hello
                """);
        assertThat(server.onlyRequest().target()).isEqualTo(PATH + "?limit=2");
    }

    @Test
    void withoutLimitTheServerChooses() {
        server.on("GET", PATH, 200, "{\"logs\":[]}");

        assertThat(CliRun.run(server, "logs", "orders").out()).isEmpty();
        assertThat(server.onlyRequest().target()).isEqualTo(PATH);
    }

    @Test
    void nonPositiveLimitIsAUsageError() {
        CliRun run = CliRun.run(server, "logs", "orders", "--limit", "-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: --limit must be at least 0, was -1");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void followPrintsEachServerSentEventUntilTheStreamEnds() {
        server.on("GET", PATH, new Answer(200, Map.of("Content-Type", "text/event-stream"), List.of(
                ": connected\n\n",
                "data: {\"time\":\"2025-05-01T10:00:00Z\",\"requestId\":\"aaaaaaaaaaaa\",\"message\":\"one\"}\n\n",
                "event: log\r\ndata: {\"time\":\"2025-05-01T10:00:02Z\",\"requestId\":\"bbbbbbbbbbbb\",\r\n",
                "data: \"message\":\"two\"}\r\n\r\n",
                "data: not json\n\n")));

        CliRun run = CliRun.run(server, "logs", "orders", "-f");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                2025-05-01T10:00:00Z [aaaaaaaa] one
                2025-05-01T10:00:02Z [bbbbbbbb] two
                """);
        var request = server.onlyRequest();
        assertThat(request.target()).isEqualTo(PATH + "?follow=true");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void followOfAnUnknownFunctionExitsOne() {
        server.on("GET", PATH, 404, "{\"error\":{\"code\":\"ResourceNotFound\","
                + "\"message\":\"function orders does not exist\",\"requestId\":\"r5\"}}");

        CliRun run = CliRun.run(server, "logs", "orders", "--follow", "--limit", "5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: function orders does not exist (ResourceNotFound, request r5)");
        assertThat(server.onlyRequest().target()).isEqualTo(PATH + "?follow=true&limit=5");
    }

    @Test
    void jsonPrintsOneServerRecordPerLineFollowedOrNot() {
        String one = "{\"time\":\"2025-05-01T10:00:00Z\",\"function\":\"orders\",\"requestId\":\"a1\",\"message\":\"one\\n\"}";
        String two = "{\"time\":\"2025-05-01T10:00:02Z\",\"function\":\"orders\",\"requestId\":\"b2\",\"message\":\"two\"}";
        server.on("GET", PATH, 200, "{\"logs\":[" + one + "," + two + "]}");
        CliRun recent = CliRun.run(server, "logs", "orders", "-o", "json");
        server.on("GET", PATH, new Answer(200, Map.of("Content-Type", "text/event-stream"), List.of(
                ": connected\n\n", "data: " + one + "\n\n", "data: " + two + "\n\n")));
        CliRun followed = CliRun.run(server, "logs", "orders", "--follow", "-o", "json");

        String expected = one + System.lineSeparator() + two + System.lineSeparator();
        assertThat(recent.exitCode()).isZero();
        assertThat(recent.out()).isEqualTo(expected);
        assertThat(followed.exitCode()).isZero();
        assertThat(followed.out()).isEqualTo(expected);
    }
}
