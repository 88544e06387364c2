package dev.nimbus.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestApiPayloadTest {
    final ObjectMapper json = new ObjectMapper();
    final HttpPayload payload = HttpPayload.of(PayloadFormat.V1, json);

    JsonNode event(String path, String query, Map<String, List<String>> headers, byte[] body) throws Exception {
        var call = new HttpCall("PUT", path, query, headers, body, "10.0.0.9", "HTTP/1.1", "rid-1",
                Instant.parse("2026-11-25T10:00:00Z"));
        return json.readTree(payload.event(call, "orders"));
    }

    @Test
    void buildsTheRestApiProxyEvent() throws Exception {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Multi", List.of("a", "b"));
        headers.put("User-Agent", List.of("curl/8"));
        JsonNode e = event("/hello/w%20x", "a=1&a=2&b=%20z", headers, "{\"k\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(e.get("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(e.get("path").asText()).isEqualTo("/hello/w%20x");
        assertThat(e.get("httpMethod").asText()).isEqualTo("PUT");
        assertThat(e.get("headers").get("X-Multi").asText()).isEqualTo("b");
        assertThat(e.get("multiValueHeaders").get("X-Multi").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(e.get("queryStringParameters").get("a").asText()).isEqualTo("2");
        assertThat(e.get("queryStringParameters").get("b").asText()).isEqualTo(" z");
        assertThat(e.get("multiValueQueryStringParameters").get("a").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(e.get("pathParameters").get("proxy").asText()).isEqualTo("hello/w x");
        assertThat(e.get("stageVariables").isNull()).isTrue();
        JsonNode rc = e.get("requestContext");
        assertThat(rc.get("identity").get("sourceIp").asText()).isEqualTo("10.0.0.9");
        assertThat(rc.get("identity").get("userAgent").asText()).isEqualTo("curl/8");
        assertThat(rc.get("identity").get("caller").isNull()).isTrue();
        assertThat(rc.get("httpMethod").asText()).isEqualTo("PUT");
        assertThat(rc.get("resourcePath").asText()).isEqualTo("/{proxy+}");
        assertThat(rc.get("requestId").asText()).isEqualTo("rid-1");
        assertThat(rc.get("requestTimeEpoch").asLong()).isEqualTo(1795600800000L);
        assertThat(rc.get("requestTime").asText()).isEqualTo("25/Nov/2026:10:00:00 +0000");
        assertThat(e.get("body").asText()).isEqualTo("{\"k\":1}");
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void theRootHasNoProxyParameterAndAbsentPartsAreNull() throws Exception {
        JsonNode e = event("/", "", Map.of(), new byte[0]);
        assertThat(e.get("resource").asText()).isEqualTo("/");
        assertThat(e.get("pathParameters").isNull()).isTrue();
        assertThat(e.get("queryStringParameters").isNull()).isTrue();
        assertThat(e.get("multiValueQueryStringParameters").isNull()).isTrue();
        assertThat(e.get("body").isNull()).isTrue();
    }

    @Test
    void binaryBodiesAreBase64() throws Exception {
        JsonNode e = event("/img", "", Map.of("Content-Type", List.of("image/png")), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(e.get("body").asText()).isEqualTo("iVBORw==");
    }

    HttpReply reply(String result) {
        return payload.reply(result.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headersAndMultiValueHeadersAreMergedWithIdenticalPairsOnce() {
        var r = reply("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\",\"X-A\":\"1\",\"X-B\":\"x\"},"
                + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"],\"X-A\":[\"1\",\"2\"]},\"body\":\"hi\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers().get("content-type")).containsExactly("text/plain");
        assertThat(r.headers().get("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(r.headers().get("x-a")).containsExactly("1", "2");
        assertThat(r.headers().get("x-b")).containsExactly("x");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void base64BodiesAreDecodedAndTheStatusMayBeAString() {
        var r = reply("{\"statusCode\":\"200\",\"isBase64Encoded\":true,\"body\":\"iVBORw==\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(r.headers().get("content-type")).containsExactly("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"hello\"", "[1]", "{\"body\":\"no status\"}", "{\"statusCode\":99}", "{\"statusCode\":200,\"body\":{\"a\":1}}",
        "{\"statusCode\":200,\"headers\":[\"x\"]}", "{\"statusCode\":200,\"headers\":{\"a\":{\"b\":1}}}",
        "{\"statusCode\":200,\"multiValueHeaders\":{\"a\":\"1\"}}", "{\"statusCode\":200,\"isBase64Encoded\":\"yes\"}",
        "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"%%%\"}", "not json",
    })
    void aMalformedProxyResponseIsA502AsApiGatewayAnswersIt(String result) {
        var r = reply(result);
        assertThat(r.status()).isEqualTo(502);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Internal server error\"}");
    }
}
