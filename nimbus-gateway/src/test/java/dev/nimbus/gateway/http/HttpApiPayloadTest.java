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

class HttpApiPayloadTest {
    final ObjectMapper json = new ObjectMapper();
    final HttpPayload events = HttpPayload.of(PayloadFormat.V2, json);

    HttpCall call(Map<String, List<String>> headers, byte[] body) {
        return new HttpCall("POST", "/a/b", "x=1&x=2&y=%20z", headers, body, "10.0.0.1", "HTTP/1.1", "rid",
                Instant.parse("2026-11-25T10:00:00Z"));
    }

    JsonNode event(HttpCall call) throws Exception {
        return json.readTree(events.event(call, "fn"));
    }

    @Test
    void buildsThePayload20Shape() throws Exception {
        var headers = new LinkedHashMap<String, List<String>>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Multi", List.of("a", "b"));
        headers.put("Cookie", List.of("c1=v1; c2=v2"));
        JsonNode e = event(call(headers, "{\"k\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.get("version").asText()).isEqualTo("2.0");
        assertThat(e.get("routeKey").asText()).isEqualTo("$default");
        assertThat(e.get("rawPath").asText()).isEqualTo("/a/b");
        assertThat(e.get("headers").get("x-multi").asText()).isEqualTo("a,b");
        assertThat(e.get("headers").has("cookie")).isFalse();
        assertThat(e.get("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
        assertThat(e.get("queryStringParameters").get("x").asText()).isEqualTo("1,2");
        assertThat(e.get("queryStringParameters").get("y").asText()).isEqualTo(" z");
        assertThat(e.get("requestContext").get("http").get("sourceIp").asText()).isEqualTo("10.0.0.1");
        assertThat(e.get("requestContext").get("timeEpoch").asLong()).isEqualTo(1795600800000L);
        assertThat(e.get("body").asText()).isEqualTo("{\"k\":1}");
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binaryBodiesAreBase64() throws Exception {
        JsonNode e = event(call(Map.of("Content-Type", List.of("image/png")), new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(e.get("body").asText()).isEqualTo("iVBORw==");
    }

    @Test
    void aResponseDescriptionBecomesTheHttpResponse() {
        var reply = events.reply(("{\"statusCode\":201,\"headers\":{\"X-A\":\"1\"},\"cookies\":[\"s=1\"],"
                + "\"body\":\"created\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers().get("x-a")).containsExactly("1");
        assertThat(reply.headers().get("set-cookie")).containsExactly("s=1");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("created");
    }

    @Test
    void base64BodiesAreDecoded() {
        var reply = events.reply("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"aGk=\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void anythingElseIsA200JsonBodyWithStringsUnquoted() {
        assertThat(new String(events.reply("\"hello\"".getBytes()).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(new String(events.reply("{\"hello\": \"world\"}".getBytes()).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"hello\":\"world\"}");
        assertThat(events.reply("[1, 2]".getBytes()).status()).isEqualTo(200);
    }

    @Test
    void anInvalidStatusCodeIsA502() {
        var reply = events.reply("{\"statusCode\":999}".getBytes());
        assertThat(reply.status()).isEqualTo(502);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void eachCookieIsASetCookieHeaderAndMultiValueHeadersAreNotPartOf20() {
        var reply = events.reply(("{\"statusCode\":200,\"cookies\":[\"a=1; Path=/\",\"b=2\"],"
                + "\"multiValueHeaders\":{\"X-M\":[\"1\",\"2\"]},\"body\":\"\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(reply.headers().get("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        assertThat(reply.headers()).doesNotContainKey("x-m");
        assertThat(reply.headers().get("content-type")).containsExactly("application/json");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void otherJsonIsReturnedCompactAsAwsDoes() {
        assertThat(text(events.reply("3".getBytes()).body())).isEqualTo("3");
        assertThat(text(events.reply("true".getBytes()).body())).isEqualTo("true");
        assertThat(text(events.reply("[\"hello\", 3, true]".getBytes()).body())).isEqualTo("[\"hello\",3,true]");
        var object = events.reply("{\"hello\": \"world\"}".getBytes());
        assertThat(object.body()).hasSize(17);
        assertThat(object.headers().get("content-type")).containsExactly("application/json");
    }

    @Test
    void aBodyWithoutContentHasNoBodyMember() throws Exception {
        JsonNode e = event(call(Map.of(), new byte[0]));
        assertThat(e.has("body")).isFalse();
        assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
