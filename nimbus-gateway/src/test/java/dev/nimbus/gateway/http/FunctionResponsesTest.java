package dev.nimbus.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.PayloadFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a function may not do to the HTTP response, through both payload formats. */
class FunctionResponsesTest {
    private static final String SMUGGLED = "HTTP/1.1 200 OK\\r\\nContent-Length: 6\\r\\n\\r\\nforged";

    static HttpReply reply(PayloadFormat format, String result) {
        return HttpPayload.of(format, new ObjectMapper()).reply(result.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void framingHeadersAreRemappedSoNoSecondResponseCanBeSmuggled(PayloadFormat format) {
        var r = reply(format, "{\"statusCode\":200,\"headers\":{\"Content-Length\":\"0\",\"Transfer-Encoding\":\"chunked\","
                + "\"Connection\":\"keep-alive\",\"X-Ok\":\"1\"},\"body\":\"" + SMUGGLED + "\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKeys("content-length", "transfer-encoding", "connection");
        assertThat(r.headers().get("x-amzn-remapped-content-length")).containsExactly("0");
        assertThat(r.headers().get("x-amzn-remapped-transfer-encoding")).containsExactly("chunked");
        assertThat(r.headers().get("x-amzn-remapped-connection")).containsExactly("keep-alive");
        assertThat(r.headers().get("x-ok")).containsExactly("1");
    }

    @ParameterizedTest
    @EnumSource(PayloadFormat.class)
    void aFunctionCannotWidenAServiceWorkerToTheDashboardsPathsOrClearTheSite(PayloadFormat format) {
        var r = reply(format, "{\"statusCode\":200,\"headers\":{\"Service-Worker-Allowed\":\"/\","
                + "\"Clear-Site-Data\":\"\\\"storage\\\"\"},\"body\":\"x\"}");

        assertThat(r.headers()).doesNotContainKeys("service-worker-allowed", "clear-site-data");
        assertThat(r.headers().get("x-amzn-remapped-service-worker-allowed")).containsExactly("/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "V1|{\"statusCode\":101,\"headers\":{\"Upgrade\":\"websocket\",\"Connection\":\"Upgrade\"}}|Internal server error",
        "V2|{\"statusCode\":101,\"headers\":{\"Upgrade\":\"websocket\",\"Connection\":\"Upgrade\"}}|Internal Server Error",
        "V1|{\"statusCode\":199}|Internal server error",
        "V2|{\"statusCode\":600}|Internal Server Error",
        "V1|{\"statusCode\":200,\"headers\":{\"X-A\":\"1\\r\\nSet-Cookie: stolen=1\"}}|Internal server error",
        "V2|{\"statusCode\":200,\"headers\":{\"X-A\":\"1\\nX-B: 2\"}}|Internal Server Error",
        "V2|{\"statusCode\":200,\"headers\":{\"X-A\":\"nul\\u0000\"}}|Internal Server Error",
        "V1|{\"statusCode\":200,\"headers\":{\"Bad Name\":\"1\"}}|Internal server error",
        "V2|{\"statusCode\":200,\"headers\":{\"X-A:\":\"1\"}}|Internal Server Error",
        "V2|{\"statusCode\":200,\"headers\":{\"\":\"1\"}}|Internal Server Error",
        "V1|{\"statusCode\":200,\"multiValueHeaders\":{\"X-A\":[\"ok\",\"bad\\r\"]}}|Internal server error",
        "V2|{\"statusCode\":200,\"cookies\":[\"a=1\\r\\nX-Forged: 1\"]}|Internal Server Error",
    })
    void whatHttpCannotCarryIsA502WithTheFormatsMessage(PayloadFormat format, String result, String message) {
        var r = reply(format, result);

        assertThat(r.status()).isEqualTo(502);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"" + message + "\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void bodilessStatusesLoseTheBody(int status) {
        for (PayloadFormat format : PayloadFormat.values()) {
            var r = reply(format, "{\"statusCode\":" + status + ",\"body\":\"" + SMUGGLED + "\"}");

            assertThat(r.status()).isEqualTo(status);
            assertThat(r.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 404, 599})
    void validResponsesPassUnchanged(int status) {
        var r = reply(PayloadFormat.V2, "{\"statusCode\":" + status + ",\"headers\":{\"X-A\":\"a\\tb\"},\"body\":\"hi\"}");

        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers().get("x-a")).containsExactly("a\tb");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }
}
