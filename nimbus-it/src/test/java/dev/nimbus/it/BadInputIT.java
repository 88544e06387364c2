package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertError(api.post("/api/v1/functions/ok", big), 404, "NotFound", "/api/v1/functions/ok");
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

    static void assertError(Api.Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(messagePart);
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
