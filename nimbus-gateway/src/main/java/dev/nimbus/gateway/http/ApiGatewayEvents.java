package dev.nimbus.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts between HTTP and the API Gateway HTTP API payload 2.0 format (lambda-compat.md §6.2).
 */
public final class ApiGatewayEvents {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final ObjectMapper json;

    public ApiGatewayEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The event for {@code call}: lower-case headers, repeated values joined by ',', cookies split out. */
    public byte[] event(HttpCall call, String functionName) {
        ObjectNode e = json.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", call.rawPath());
        e.put("rawQueryString", call.rawQuery());
        List<String> cookies = new ArrayList<>();
        ObjectNode headers = e.objectNode();
        var grouped = new LinkedHashMap<String, List<String>>();
        call.headers().forEach((k, v) -> grouped.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        grouped.forEach((name, values) -> {
            if (name.equals("cookie")) {
                values.forEach(v -> splitCookies(v, cookies));
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(e.putArray("cookies")::add);
        }
        e.set("headers", headers);
        Map<String, List<String>> query = QueryStrings.parse(call.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((k, v) -> q.put(k, String.join(",", v)));
        }
        e.set("requestContext", requestContext(call, functionName));
        if (call.body().length > 0) {
            String text = textBody(call);
            e.put("body", text != null ? text : java.util.Base64.getEncoder().encodeToString(call.body()));
            e.put("isBase64Encoded", text == null);
        } else {
            e.put("isBase64Encoded", false);
        }
        try {
            return json.writeValueAsBytes(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ObjectNode requestContext(HttpCall call, String functionName) {
        ObjectNode rc = json.createObjectNode();
        rc.put("accountId", "anonymous");
        rc.put("apiId", functionName);
        rc.put("domainName", header(call, "host"));
        rc.put("domainPrefix", functionName);
        ObjectNode http = rc.putObject("http");
        http.put("method", call.method());
        http.put("path", call.rawPath());
        http.put("protocol", call.protocol());
        http.put("sourceIp", call.sourceIp());
        http.put("userAgent", header(call, "user-agent"));
        rc.put("requestId", call.requestId());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", TIME.format(call.time()));
        rc.put("timeEpoch", call.time().toEpochMilli());
        return rc;
    }

    private static String header(HttpCall call, String name) {
        for (var h : call.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().getFirst();
            }
        }
        return "";
    }

    private static void splitCookies(String header, List<String> out) {
        for (String c : header.split(";")) {
            if (!c.isBlank()) {
                out.add(c.strip());
            }
        }
    }

    /** The body as text if its content type is textual and it is valid UTF-8; else null (send base64). */
    private static String textBody(HttpCall call) {
        String type = header(call, "content-type").toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.contains("x-www-form-urlencoded");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(call.body())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The HTTP response for a function's result. An object with {@code statusCode} is an HTTP
     * response description; anything else is returned as a 200 JSON body (a JSON string unquoted).
     */
    public HttpReply reply(byte[] result) {
        JsonNode node;
        try {
            node = json.readTree(result);
        } catch (java.io.IOException e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            return new HttpReply(200, Map.of("content-type", List.of("application/json")), result);
        }
        if (!node.isObject() || !node.has("statusCode")) {
            byte[] body = node.isTextual() ? node.textValue().getBytes(StandardCharsets.UTF_8) : compact(node);
            return new HttpReply(200, Map.of("content-type", List.of("application/json")), body);
        }
        return described(node);
    }

    private HttpReply described(JsonNode node) {
        int status = node.path("statusCode").asInt(200);
        if (status < 100 || status > 599) {
            return invalidResponse();
        }
        var headers = new LinkedHashMap<String, List<String>>();
        node.path("headers").properties().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT),
                new ArrayList<>(List.of(h.getValue().asText()))));
        node.path("multiValueHeaders").properties().forEach(h -> {
            var values = headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            h.getValue().forEach(v -> values.add(v.asText()));
        });
        if (node.path("cookies").isArray()) {
            var values = headers.computeIfAbsent("set-cookie", k -> new ArrayList<>());
            node.path("cookies").forEach(c -> values.add(c.asText()));
        }
        JsonNode bodyNode = node.path("body");
        byte[] body;
        if (bodyNode.isMissingNode() || bodyNode.isNull()) {
            body = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = java.util.Base64.getDecoder().decode(bodyNode.asText());
            } catch (IllegalArgumentException e) {
                return invalidResponse();
            }
        } else {
            body = (bodyNode.isTextual() ? bodyNode.textValue() : bodyNode.toString()).getBytes(StandardCharsets.UTF_8);
        }
        headers.putIfAbsent("content-type", List.of("application/json"));
        return new HttpReply(status, headers, body);
    }

    private static HttpReply invalidResponse() {
        return new HttpReply(502, Map.of("content-type", List.of("application/json")),
                "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
    }

    private byte[] compact(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
