package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that attacks what surrounds it (reliability-security.md §5.4 last bullet, §5.5 log
 * integrity): forged log delimiters, control characters and a flood of output; calls to its own
 * Runtime API for invocations that are not its current one; request fields full of shell
 * metacharacters, which must reach it as plain data.
 */
class HostileFunctionIT {
    /** 1 MiB: ProcessInstance.MAX_OUTPUT_BYTES. */
    private static final long MAX_OUTPUT = 1024 * 1024;
    private static final String CODE = """
            import http.client, json, os, socket, sys, time

            previous = []

            class UnixConnection(http.client.HTTPConnection):
                def __init__(self, path):
                    super().__init__("localhost", timeout=10)
                    self.unix_path = path

                def connect(self):
                    self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self.sock.settimeout(10)
                    self.sock.connect(self.unix_path)

            def post(path, body):
                # the way its runtime reaches the Runtime API: the sandbox's socket, else TCP
                unix = os.environ.get("NIMBUS_RUNTIME_API_SOCKET")
                conn = UnixConnection(unix) if unix else http.client.HTTPConnection(
                    os.environ["AWS_LAMBDA_RUNTIME_API"], timeout=10)
                try:
                    conn.request("POST", "/2018-06-01/runtime/" + path, body=body)
                    return conn.getresponse().status
                except (BrokenPipeError, ConnectionResetError):
                    return -1  # refused mid-body: the endpoint answered and closed before reading it all
                finally:
                    conn.close()

            def h(event, context):
                if "requestContext" in event:
                    return {"headers": event.get("headers"), "query": event.get("queryStringParameters")}
                mode = event.get("mode")
                rid = context.aws_request_id
                if mode == "spoof":
                    print("START RequestId: 00000000-fake Version: $LATEST")
                    print("END RequestId: 00000000-fake")
                    print("REPORT RequestId: 00000000-fake\\tDuration: 1.00 ms\\tBilled Duration: 1 ms")
                    print("progress 50%\\rSTART RequestId: 11111111-fake")
                    print("\\x1b[2J\\x1b[31mred\\x1b[0m")
                    print("nul\\x00bell\\x07 del\\x7f")
                    print("\\u202eevil")
                    sys.stdout.flush()
                elif mode == "flood":
                    chunk = ("y" * 1023 + "\\n") * 1024
                    started = time.time()
                    for _ in range(100):
                        sys.stdout.write(chunk)
                    sys.stdout.flush()
                    return {"rid": rid, "seconds": time.time() - started}
                elif mode == "after":
                    print("after-line")
                    sys.stdout.flush()
                elif mode == "abuse":
                    statuses = {
                        "foreign": post("invocation/00000000-0000-0000-0000-000000000000/response", b'{"stolen": true}'),
                        "replay": post("invocation/" + previous[-1] + "/response", b'{"replayed": true}'),
                        "replayError": post("invocation/" + previous[-1] + "/error", b'{"errorType": "X"}'),
                        "oversized": post("invocation/00000000-0000-0000-0000-000000000000/response", b"x" * (7 * 1024 * 1024)),
                    }
                    return {"rid": rid, "statuses": statuses}
                previous.append(rid)
                return {"rid": rid}
            """;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
        var deployed = api.deploy("hostile", Zips.of(Map.of("app.py", CODE)),
                Api.config("python3", "app.h", "timeoutSeconds", 60, "memoryMb", 256));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void forgedDelimitersAndControlCharactersStayPlainLinesOfTheirOwnInvocation() {
        String rid = invoke("{\"mode\": \"spoof\"}").get("rid").asText();

        List<JsonNode> mine = awaitLogs(rid, "REPORT RequestId: " + rid);
        List<String> messages = mine.stream().map(r -> r.get("message").asText()).toList();
        assertThat(messages).contains(
                "START RequestId: 00000000-fake Version: $LATEST",
                "END RequestId: 00000000-fake",
                "REPORT RequestId: 00000000-fake\tDuration: 1.00 ms\tBilled Duration: 1 ms",
                "progress 50%\\x0dSTART RequestId: 11111111-fake",
                "\\x1b[2J\\x1b[31mred\\x1b[0m",
                "nul\\x00bell\\x07 del\\x7f",
                "\\u202eevil");
        assertThat(messages.stream().filter(m -> m.startsWith("END RequestId: " + rid))).hasSize(1);
        assertThat(allLogs()).noneMatch(r -> r.get("requestId").asText().contains("fake"));
        for (String m : messages) {
            assertThat(m.chars()).as(m).noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c == 0x202e);
        }
    }

    @Test
    void aFloodOfOutputIsCutAtTheLimitWithAMarkerAndTheNextInvocationKeepsItsOwnLines() {
        JsonNode flood = invoke("{\"mode\": \"flood\"}");
        String floodRid = flood.get("rid").asText();
        String afterRid = invoke("{\"mode\": \"after\"}").get("rid").asText();
        assertThat(api.get("/api/v1/status").status()).isEqualTo(200);

        awaitLogs(afterRid, "REPORT RequestId: " + afterRid);
        List<JsonNode> floodLines = byRequest(allLogs(), floodRid);
        List<String> messages = floodLines.stream().map(r -> r.get("message").asText()).toList();
        long kept = messages.stream().filter(m -> m.startsWith("yyy")).mapToLong(m -> m.length() + 1).sum();
        assertThat(kept).isLessThanOrEqualTo(MAX_OUTPUT).isGreaterThan(MAX_OUTPUT - 2048);
        assertThat(messages).containsOnlyOnce("[nimbus: output truncated after " + MAX_OUTPUT + " bytes]");
        assertThat(messages).anyMatch(m -> m.startsWith("REPORT RequestId: " + floodRid));
        assertThat(byRequest(allLogs(), afterRid)).extracting(r -> r.get("message").asText())
                .contains("after-line").noneMatch(m -> m.startsWith("yyy"));
    }

    @Test
    void aFunctionCannotAnswerForAnotherInvocationThroughItsRuntimeApi() {
        String earlier = invoke("{}").get("rid").asText();

        JsonNode abuse = invoke("{\"mode\": \"abuse\"}");

        assertThat(abuse.has("rid")).as(abuse.toString()).isTrue();
        assertThat(abuse.get("rid").asText()).isNotEqualTo(earlier);
        JsonNode statuses = abuse.get("statuses");
        assertThat(statuses.get("foreign").asInt()).isEqualTo(400);
        assertThat(statuses.get("replay").asInt()).isEqualTo(400);
        assertThat(statuses.get("replayError").asInt()).isEqualTo(400);
        assertThat(statuses.get("oversized").asInt()).as("refused, possibly before the body was all sent").isIn(400, 413, -1);
        assertThat(invoke("{}").has("rid")).as("the instance still serves").isTrue();
    }

    @Test
    void shellMetacharactersInRequestFieldsReachTheFunctionAsPlainData() throws Exception {
        String nasty = "$(touch /tmp/pwned); `id` | cat /etc/passwd && echo ${HOME} > x < y 'q' \"dq\" \\ *";
        var request = HttpRequest.newBuilder(URI.create(server.url() + "/fn/hostile/p?q="
                        + java.net.URLEncoder.encode(nasty, java.nio.charset.StandardCharsets.UTF_8)))
                .header("X-Nasty", nasty)
                .POST(HttpRequest.BodyPublishers.ofString("{}"));

        var response = api.send(request);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode echoed = response.json();
        assertThat(echoed.get("headers").get("x-nasty").asText()).isEqualTo(nasty);
        assertThat(echoed.get("query").get("q").asText()).isEqualTo(nasty);
    }

    private static JsonNode invoke(String event) {
        var response = api.invoke("hostile", event);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> allLogs() {
        var out = new ArrayList<JsonNode>();
        api.get("/api/v1/functions/hostile/logs?limit=10000").json().get("logs").forEach(out::add);
        return out;
    }

    private static List<JsonNode> byRequest(List<JsonNode> logs, String rid) {
        return logs.stream().filter(r -> r.get("requestId").asText().equals(rid)).toList();
    }

    /** The records of invocation {@code rid}, once one of them starts with {@code last}. */
    private static List<JsonNode> awaitLogs(String rid, String last) {
        var mine = new ArrayList<JsonNode>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            mine.clear();
            mine.addAll(byRequest(allLogs(), rid));
            assertThat(mine).anyMatch(r -> r.get("message").asText().startsWith(last));
        });
        return mine;
    }
}
