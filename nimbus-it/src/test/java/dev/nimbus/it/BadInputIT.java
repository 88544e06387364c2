package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad request gets a clear error with a code, a message naming the problem and a request id. */
class BadInputIT {
    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;
    static String sha;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
        var upload = api.post("/api/v1/code", Zips.of(Map.of("app.py", "def h(e, c):\n    return e\n")),
                "Content-Type", "application/zip");
        sha = upload.json().get("sha256").asText();
        api.putJson("/api/v1/functions/ok", Map.of("runtime", "python3", "handler", "app.h", "codeSha256", sha));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aPutThatMayOnlyCreateIsRefusedForAFunctionOrAliasThatExists() {
        var body = "{\"runtime\":\"python3\",\"handler\":\"app.h\",\"codeSha256\":\"" + sha + "\"}";
        var function = api.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/functions/ok"))
                .header("Content-Type", "application/json").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertError(function, 409, "Conflict", "Function already exist: ok");

        var alias = "{\"version\":\"$LATEST\"}";
        var created = api.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/functions/ok/aliases/live"))
                .header("Content-Type", "application/json").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(alias)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var again = api.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/functions/ok/aliases/live"))
                .header("Content-Type", "application/json").header("If-None-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(alias)));
        assertError(again, 409, "Conflict", "Alias already exists: ok:live");
    }

    /** A HEAD answer with a body would be read as the start of the next answer on the same connection. */
    @Test
    void aHeadOfAnUnknownPathAnswersWithoutABodyAndTheConnectionStaysUsable() throws IOException {
        URI url = URI.create(server.url());
        try (var socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String auth = "Authorization: Bearer " + NimbusProcess.ADMIN_KEY + "\r\n";
            out.write(("HEAD /api/v1/no-such-thing HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 404 Not Found");
            while (!in.readLine().isEmpty()) {
                // headers
            }
            out.write(("GET /api/v1/status HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();

            assertThat(in.readLine()).as("the next answer starts where the HEAD answer ended").isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "runtime|cobol|runtime must be one of python3, nodejs, java, provided",
        "handler|nodot|handler must have the form module.function",
        "memoryMb|64|memoryMb must be between 128 and 10240, was 64",
        "timeoutSeconds|901|timeoutSeconds must be between 1 and 900, was 901",
        "concurrency|0|concurrency must be between 1 and 1000, was 0",
    })
    void invalidConfigurationIs400NamingTheField(String field, String value, String message) {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("runtime", "python3", "handler", "app.h",
                "codeSha256", sha));
        body.put(field, field.endsWith("Mb") || field.endsWith("Seconds") || field.equals("concurrency")
                ? Integer.parseInt(value) : value);

        var response = api.putJson("/api/v1/functions/bad-" + field.toLowerCase(), body);

        assertError(response, 400, "InvalidParameter", message);
    }

    @Test
    void invalidNameIs400() {
        var response = api.putJson("/api/v1/functions/" + "x".repeat(65), Map.of("runtime", "python3", "handler", "app.h",
                "codeSha256", sha));
        assertError(response, 400, "InvalidParameter", "name must be 1-64 characters");
    }

    @Test
    void unknownFieldIs400ListingTheAllowedOnes() {
        var response = api.putJson("/api/v1/functions/bad-field", Map.of("runtime", "python3", "handler", "app.h",
                "codeSha256", sha, "memory", 256));
        assertError(response, 400, "InvalidParameter", "unknown field 'memory'");
        assertThat(response.json().get("error").get("message").asText()).contains("memoryMb");
    }

    @Test
    void malformedJsonIs400() {
        assertError(api.putRaw("/api/v1/functions/bad-json", "{\"runtime\": "), 400, "MalformedJson", "not valid JSON");
    }

    @Test
    void unknownCodeIs400() {
        var response = api.putJson("/api/v1/functions/bad-code", Map.of("runtime", "python3", "handler", "app.h",
                "codeSha256", "0".repeat(64)));
        assertError(response, 400, "InvalidParameter", "codeSha256");
    }

    @Test
    void notAZipIs400() {
        var response = api.post("/api/v1/code", "this is not a zip", "Content-Type", "application/zip");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").get("code").asText()).isEqualTo("InvalidParameter");
    }

    @Test
    void unknownFunctionIs404Everywhere() {
        assertError(api.get("/api/v1/functions/nope"), 404, "NotFound", "Function not found: nope");
        assertError(api.invoke("nope", "{}"), 404, "NotFound", "nope");
        assertThat(api.post("/fn/nope", "{}").status()).isEqualTo(404);
        var lambda = api.post("/2015-03-31/functions/nope/invocations", "{}");
        assertThat(lambda.status()).isEqualTo(404);
        assertThat(lambda.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        assertThat(lambda.json().get("message").asText()).contains("function:nope");
    }

    @Test
    void bodyOver6MbIs413() {
        byte[] big = new byte[6 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        assertError(api.post("/api/v1/functions/ok/invoke", big), 413, "PayloadTooLarge", "6291456");
        assertThat(api.post("/fn/ok", big).status()).isEqualTo(413);
        var lambda = api.post("/2015-03-31/functions/ok/invocations", big);
        assertThat(lambda.status()).isEqualTo(413);
        assertThat(lambda.header("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");
        // a path with no route answers before reading the body; a client still sending 6 MB could then
        // meet the connection's close before the answer, so it waits for the answer as big uploads should
        var unrouted = api.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/functions/ok")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertError(unrouted, 404, "NotFound", "/api/v1/functions/ok");
    }

    @Test
    void lambdaInvokeRefusesABodyThatIsNotJson() {
        var response = api.post("/2015-03-31/functions/ok/invocations", "not json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo("InvalidRequestContentException");
    }

    @Test
    void unknownEndpointIs404Json() {
        assertError(api.get("/api/v1/nothing-here"), 404, "NotFound", "/api/v1/nothing-here");
    }

    /** The requests of reliability-security.md §5.4 whose answer is a typed 400: each fast and quoting nothing internal. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed|MalformedJson|not valid JSON",
        "invalid UTF-8 in a string|MalformedJson|Invalid UTF-8",
        "nested 10,000 deep|InvalidParameter|the body has the wrong type",
        "1 MB description|InvalidParameter|description must be at most 256 characters",
        "1 MB runtime|InvalidParameter|runtime must be one of",
        "duplicate key|MalformedJson|Duplicate field 'handler'",
        "2,000-digit number|MalformedJson|Number value length (2000) exceeds the maximum allowed (1000)",
        "1e999999|MalformedJson|out of range",
    })
    void hostileJsonIsATyped400(String kind, String code, String message) {
        String ok = "{\"runtime\":\"python3\",\"handler\":\"app.h\",\"codeSha256\":\"" + sha + "\"";
        byte[] body = switch (kind) {
            case "malformed" -> utf8("{\"runtime\": ");
            case "invalid UTF-8 in a string" -> concat(utf8(ok + ",\"description\":\""), new byte[] {(byte) 0xc3, 0x28},
                    utf8("\"}"));
            case "nested 10,000 deep" -> utf8("[".repeat(10_000) + "]".repeat(10_000));
            case "1 MB description" -> utf8(ok + ",\"description\":\"" + "d".repeat(1 << 20) + "\"}");
            case "1 MB runtime" -> utf8("{\"runtime\":\"" + "r".repeat(1 << 20) + "\",\"handler\":\"app.h\",\"codeSha256\":\""
                    + sha + "\"}");
            case "duplicate key" -> utf8(ok + ",\"handler\":\"other.h\"}");
            case "2,000-digit number" -> utf8(ok + ",\"memoryMb\":" + "9".repeat(2000) + "}");
            case "1e999999" -> utf8(ok + ",\"memoryMb\":1e999999}");
            default -> throw new IllegalArgumentException(kind);
        };

        var response = timed(() -> api.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/functions/hostile-json"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(body))));

        assertError(response, 400, code, message);
        assertThat(response.body().length()).as("the value is not echoed whole").isLessThan(2000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nested 10,000 deep|exceeds the maximum allowed (1000)",
        "duplicate key|Duplicate field 'Records'",
    })
    void hostileJsonToTheS3WebhookIsMalformedJson(String kind, String message) {
        String body = kind.startsWith("nested") ? "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)
                : "{\"Records\":[],\"Records\":[]}";

        assertError(timed(() -> api.post("/api/v1/webhooks/s3", body, "Content-Type", "application/json")), 400,
                "MalformedJson", message);
    }

    /** A name must pass the allowlist: 400, or 404 where the path itself no longer names a function. */
    @ParameterizedTest
    @ValueSource(strings = {"%2E%2E", "%2E", "a%2Fb", "..%2Fx", "%2E%2E%2Fx", "a%00b", "a%0D%0Ab", "a%E2%80%AEb",
        "a%FFb", "a%20b", "a%3Bid", "a%24%28id%29"})
    void aHostileFunctionNameIsRefused(String name) {
        var response = timed(() -> api.putJson("/api/v1/functions/" + name,
                Map.of("runtime", "python3", "handler", "app.h", "codeSha256", sha)));

        if (response.status() == 404) {
            assertError(response, 404, "NotFound", "No such endpoint");
        } else {
            assertError(response, 400, "InvalidParameter", "name must be 1-64 characters");
            assertThat(response.json().get("error").get("message").asText())
                    .doesNotContain("\0", "\r", "\n", "\u202e");
        }
    }

    @Test
    void overlongAndDotOnlyNamesAreRefusedEverywhere() {
        assertError(api.putJson("/api/v1/functions/" + "x".repeat(300), Map.of("runtime", "python3", "handler",
                "app.h", "codeSha256", sha)), 400, "InvalidParameter", "name must be 1-64 characters");
        assertError(api.putJson("/api/v1/secrets/%2E%2E", Map.of("value", "v")), 400, "InvalidParameter",
                "not only dots");
        assertError(api.putJson("/api/v1/topics/%2E", Map.of()), 400, "InvalidParameter", "not only dots");
    }

    /** The server makes no calls to addresses users give: a destination is a function or a topic, never a URL. */
    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "https://127.0.0.1:8080/api/v1/status",
        "http://10.0.0.1/hook", "http://[::1]/", "file:///etc/passwd", "topic:..", "function:a:b:c"})
    void aDestinationThatIsAUrlIsRefused(String destination) {
        var response = api.putJson("/api/v1/functions/ok/delivery", Map.of("onFailure", destination));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").get("code").asText()).isIn("InvalidParameter", "MalformedJson");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "../ entry|escapes the archive root",
        "absolute path|has an absolute path",
        "backslashes|contains a backslash or NUL",
        "NUL in a name|contains a backslash or NUL",
        "symlink pointing outside|is a symlink pointing outside the archive",
        "duplicate names|appears twice in the archive",
        "zip bomb|unpacks to more than the limit of 262144000 bytes",
        "100,000 entries|has more than the limit of 10000 entries",
        "truncated|is not a readable zip file",
        "encrypted entry|is encrypted or uses an unsupported compression method",
        "42.zip over the limit at the top level|unpacks to more than the limit of 262144000 bytes",
        "ZIP64 claims 1 TiB|unpacks to more than the limit of 262144000 bytes",
        "ZIP64 claims 1000 bytes of 300 MiB|unpacks to more than the limit of 262144000 bytes",
        "ZIP64 claims a negative size|is not a readable zip file",
        "ZIP64 compressed size short of the data|entry 'data.bin' cannot be read: the archive is corrupt",
        "ZIP64 stored sizes past the end of the data|entry 'data.bin' cannot be read: the archive is corrupt",
        "overlapping entries|unpacks to more than the limit of 262144000 bytes",
        "overlapping entries claiming 1000 bytes each|unpacks to more than the limit of 262144000 bytes",
    })
    void aHostileArchiveIsRefused(String kind, String message) throws Exception {
        byte[] zip = HostileZips.of(kind);
        long stored = filesUnder("code/sha256");

        var response = timed(() -> api.post("/api/v1/code", zip, "Content-Type", "application/zip"));

        assertError(response, 400, "InvalidParameter", message);
        assertThat(response.body()).doesNotContain(data.toString());
        assertThat(filesUnder("code/sha256")).as("archives stored").isEqualTo(stored);
        assertThat(filesUnder("code/tmp")).as("uploads left behind").isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutWhileStreaming() throws Exception {
        URI uri = URI.create(server.url());
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            var out = socket.getOutputStream();
            out.write(utf8("POST /api/v1/functions/ok/invoke HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + NimbusProcess.ADMIN_KEY
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            long sent = 0;
            try {
                while (sent < 256L * 1024 * 1024) { // 256 MB offered, never all read
                    out.write(utf8(Integer.toHexString(chunk.length) + "\r\n"));
                    out.write(chunk);
                    out.write(utf8("\r\n"));
                    sent += chunk.length;
                }
            } catch (java.net.SocketException closed) {
                // the server answered and closed the connection
            }
            String answer = new String(socket.getInputStream().readNBytes(512), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close")
                    .contains("PayloadTooLarge");
            assertThat(sent).as("bytes the client got to send").isLessThan(64L * 1024 * 1024);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(FAST_MS);
        }
    }

    /** Requests Helidon refuses before routing still get the API's error body, and the connection is closed. */
    @ParameterizedTest
    @ValueSource(strings = {"a header of 40,000 bytes", "a control character in a header", "a bare LF between headers",
        "no Host header"})
    void aMalformedHttpRequestGetsATypedError(String kind) throws Exception {
        String headers = switch (kind) {
            case "a header of 40,000 bytes" -> "Host: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n";
            case "a control character in a header" -> "Host: x\r\nX-A: a\u0001b\r\n";
            case "a bare LF between headers" -> "Host: x\r\nX-A: a\nX-B: b\r\n";
            case "no Host header" -> "";
            default -> throw new IllegalArgumentException(kind);
        };
        URI uri = URI.create(server.url());
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET /api/v1/status HTTP/1.1\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close")
                    .contains("{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"Malformed HTTP request")
                    .doesNotContain("Exception").doesNotContain("helidon");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(FAST_MS);
        }
    }

    /** Files in {@code dir} of the server's data directory, which must exist. */
    private static long filesUnder(String dir) throws IOException {
        try (var walk = Files.walk(data.resolve(dir))) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    /** Generous: "fast" means no waiting on anything, on a loaded 2-core machine. */
    private static final long FAST_MS = 5000;

    private static Api.Response timed(java.util.function.Supplier<Api.Response> request) {
        long start = System.nanoTime();
        var response = request.get();
        assertThat((System.nanoTime() - start) / 1_000_000).as("answered fast").isLessThan(FAST_MS);
        return response;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static void assertError(Api.Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(messagePart);
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jackson")
                .doesNotContain("StreamReadConstraints").doesNotContain("dev.nimbus").doesNotContain(data.toString());
    }
}
