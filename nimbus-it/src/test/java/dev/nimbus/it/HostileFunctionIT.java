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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that attacks what surrounds it (reliability-security.md §5.4 last bullet, §5.5 log
 * integrity): forged log delimiters, control characters and a flood of output; calls to its own
 * Runtime API for invocations that are not its current one, {@code /next} calls beside the one its
 * runtime makes, and a {@code /next} whose answer it never reads; request fields full of shell
 * metacharacters, which must reach it as plain data.
 */
class HostileFunctionIT {
    /** 1 MiB: ProcessInstance.MAX_OUTPUT_BYTES. */
    private static final long MAX_OUTPUT = 1024 * 1024;
    /** Of the provided functions below. */
    private static final int TIMEOUT_SECONDS = 10;
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

    /**
     * A provided runtime that polls {@code /next} from one thread, or from two ({@code _HANDLER}
     * {@code two-pollers}). Its answer names the poller and lists every anomaly seen so far: an
     * invocation handed out while another was in hand, or one handed out twice. For
     * {@code {"mode": "second-next"}} it also tells what three more {@code /next} calls, made from
     * threads while the invocation is in hand, got.
     */
    private static final String POLLERS = """
            #!/usr/bin/python3
            import http.client, json, os, threading, time

            API = os.environ["AWS_LAMBDA_RUNTIME_API"]
            lock = threading.Lock()
            in_hand = 0
            handed_out = set()
            anomalies = []

            def call(method, path, body=None, timeout=None):
                conn = http.client.HTTPConnection(API, timeout=timeout)
                try:
                    conn.request(method, "/2018-06-01/runtime/invocation/" + path, body=body)
                    r = conn.getresponse()
                    return r.status, r.getheader("Lambda-Runtime-Aws-Request-Id"), r.read()
                finally:
                    conn.close()

            def second_next(seen):
                try:
                    status, rid, body = call("GET", "next", timeout=5)
                    seen.append({"status": status, "rid": rid, "errorType": json.loads(body).get("errorType")})
                except OSError as e:
                    seen.append({"status": "no answer within 5 s: " + str(e)})

            def serve(poller):
                global in_hand
                while True:
                    status, rid, body = call("GET", "next")
                    if status != 200:
                        time.sleep(0.01)  # the other poller has an invocation in hand
                        continue
                    with lock:
                        in_hand += 1
                        if in_hand > 1:
                            anomalies.append(rid + " handed out while another was in hand")
                        if rid in handed_out:
                            anomalies.append(rid + " handed out twice")
                        handed_out.add(rid)
                    answer = {"rid": rid, "poller": poller}
                    if json.loads(body).get("mode") == "second-next":
                        seen = []
                        threads = [threading.Thread(target=second_next, args=(seen,)) for _ in range(3)]
                        for t in threads:
                            t.start()
                        for t in threads:
                            t.join()
                        answer["seconds"] = seen
                    else:
                        time.sleep(0.05)
                    with lock:
                        in_hand -= 1  # before answering: the next invocation may be handed out at once
                        answer["anomalies"] = list(anomalies)
                    call("POST", rid + "/response", json.dumps(answer).encode())

            if os.environ["_HANDLER"] == "two-pollers":
                threading.Thread(target=serve, args=("background",), daemon=True).start()
            serve("main")
            """;

    /** Of {@link #NEVER_READS}. */
    private static final int NEVER_READS_TIMEOUT_SECONDS = 3;
    /**
     * A provided runtime that asks for its event on a raw socket, with a receive buffer of 4 KB, and
     * never reads a byte of the answer.
     */
    private static final String NEVER_READS = """
            #!/usr/bin/python3
            import os, socket, time

            host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
            runtime_api = socket.socket()
            runtime_api.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            runtime_api.connect((host, int(port)))
            runtime_api.sendall(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\\r\\nHost: runtime\\r\\n\\r\\n")
            time.sleep(3600)
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
        for (String handler : new String[] {"one-poller", "two-pollers"}) {
            var runtime = api.deploy(handler, Zips.of(Map.of("bootstrap", POLLERS)),
                    Api.config("provided", handler, "timeoutSeconds", TIMEOUT_SECONDS, "concurrency", 1));
            assertThat(runtime.status()).as(runtime.body()).isEqualTo(201);
        }
        var neverReads = api.deploy("never-reads", Zips.of(Map.of("bootstrap", NEVER_READS)),
                Api.config("provided", "never-reads", "timeoutSeconds", NEVER_READS_TIMEOUT_SECONDS, "concurrency", 1));
        assertThat(neverReads.status()).as(neverReads.body()).isEqualTo(201);
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

    /**
     * A {@code /next} while the runtime holds an invocation is refused at once (403
     * InvalidStateTransition), never given one; the invocation in hand is
     * answered and the next one served, well within the function's timeout.
     */
    @Test
    void nextCalledAgainWhileAnInvocationIsInHandIsRefusedAtOnce() {
        long start = System.nanoTime();
        JsonNode answer = invoke("one-poller", "{\"mode\": \"second-next\"}");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.get("seconds")).as(answer.toString()).hasSize(3).allSatisfy(second -> {
            assertThat(second.get("status").asText()).isEqualTo("403");
            assertThat(second.get("errorType").asText()).isEqualTo("InvalidStateTransition");
            assertThat(second.get("rid").isNull()).as("no request id handed out").isTrue();
        });
        assertThat(millis).as("answered in ms").isLessThan(TIMEOUT_SECONDS * 1000L);
        assertThat(answer.get("anomalies")).isEmpty();
        JsonNode next = invoke("one-poller", "{}");
        assertThat(next.get("rid").asText()).isNotEqualTo(answer.get("rid").asText());
        assertThat(next.get("anomalies")).isEmpty();
    }

    /**
     * A runtime polling {@code /next} from two threads at once: a call already waiting when an
     * invocation arrives keeps waiting while the other thread has it (a new call is refused, see
     * above) and gets the next one once it is answered; each invocation is handed out once, never
     * two at a time. (Six runs split the eight invocations between the pollers from 2:6 to 5:3.)
     */
    @Test
    void twoThreadsPollingNextGetOneInvocationAtATime() throws Exception {
        long start = System.nanoTime();
        List<JsonNode> answers;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = new ArrayList<Future<JsonNode>>();
            for (int i = 0; i < 8; i++) {
                calls.add(threads.submit(() -> invoke("two-pollers", "{}")));
            }
            answers = new ArrayList<>();
            for (var call : calls) {
                answers.add(call.get());
            }
        }

        assertThat((System.nanoTime() - start) / 1_000_000).as("all answered in ms").isLessThan(TIMEOUT_SECONDS * 1000L);
        assertThat(answers).extracting(a -> a.get("rid").asText()).doesNotHaveDuplicates().hasSize(8);
        assertThat(invoke("two-pollers", "{}").get("anomalies")).isEmpty();
    }

    /**
     * A runtime that asks for its event and never reads the answer, a 6 MB event, more than the
     * socket buffers between them hold (4 KB to receive, at most 4 MiB to send on this host's TCP
     * settings, ~200 KB on the Unix socket), so the Runtime API's write of it blocks: the invocation
     * counts as picked up when {@code /next} is answered, so it ends with the function's timeout
     * (not the init timeout, not a hang), and its instance is killed, which closes the connection
     * and ends the blocked write. Other functions are served meanwhile, and the next invocation
     * gets a fresh instance, which times out the same way.
     */
    @Test
    void aRuntimeThatNeverReadsItsEventTimesOutAndTheNextInvocationGetsAFreshInstance() throws Exception {
        String big = "{\"pad\": \"" + "x".repeat(6_000_000) + "\"}"; // under the 6 MiB limit
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            Future<Api.Response> stuck = threads.submit(() -> api.post("/2015-03-31/functions/never-reads/invocations", big));
            String first = busyInstance("never-reads", null);

            assertThat(invoke("{}").has("rid")).as("another function answers meanwhile").isTrue();
            assertTimedOut(stuck.get(), start);
            assertThat(api.get("/api/v1/functions/never-reads/instances").json().get("instances").findValues("id"))
                    .extracting(JsonNode::asText).as("the instance was killed").doesNotContain(first);

            start = System.nanoTime();
            Future<Api.Response> next = threads.submit(() -> api.post("/2015-03-31/functions/never-reads/invocations", "{}"));
            busyInstance("never-reads", first); // times out unless another instance takes it
            assertTimedOut(next.get(), start);
        }
        assertThat(invoke("{}").has("rid")).as("another function answers after").isTrue();
        assertThat(api.get("/api/v1/status").status()).isEqualTo(200);
    }

    /** Lambda's timeout answer, after the function's timeout and well before the client's own 60 s. */
    private static void assertTimedOut(Api.Response response, long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(response.json().get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(response.json().get("errorMessage").asText())
                .contains("Task timed out after " + NEVER_READS_TIMEOUT_SECONDS + ".00 seconds");
        assertThat(millis).as("answered in ms").isBetween(NEVER_READS_TIMEOUT_SECONDS * 1000L,
                NEVER_READS_TIMEOUT_SECONDS * 1000L + 15_000);
    }

    /** The id of an instance of {@code function} busy with an invocation, other than {@code not}. */
    private static String busyInstance(String function, String not) {
        var id = new java.util.concurrent.atomic.AtomicReference<String>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (JsonNode i : api.get("/api/v1/functions/" + function + "/instances").json().get("instances")) {
                if (i.get("state").asText().equals("busy") && !i.get("id").asText().equals(not)) {
                    id.set(i.get("id").asText());
                }
            }
            assertThat(id.get()).isNotNull();
        });
        return id.get();
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
        return invoke("hostile", event);
    }

    private static JsonNode invoke(String function, String event) {
        var response = api.invoke(function, event);
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
