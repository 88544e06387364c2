package dev.nimbus.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {
    final ObjectMapper json = new ObjectMapper();
    final ApiGatewayEvents events = new ApiGatewayEvents(json);

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
        assertThat(events.reply("{\"statusCode\":999}".getBytes()).status()).isEqualTo(502);
    }
}
