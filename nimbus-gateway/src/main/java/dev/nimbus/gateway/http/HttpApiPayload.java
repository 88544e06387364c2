package dev.nimbus.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API payload 2.0, which function URLs use too (lambda-compat.md §6.2). The
 * default format of function routes.
 */
public final class HttpApiPayload implements HttpPayload {
    private final ObjectMapper json;

    HttpApiPayload(ObjectMapper json) {
        this.json = json;
    }

    /** The event for {@code call}: lower-case headers, repeated values joined by ',', cookies split out. */
    @Override
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
            String text = HttpBodies.text(call);
            e.put("body", text != null ? text : HttpBodies.base64(call));
            e.put("isBase64Encoded", text == null);
        } else {
            e.put("isBase64Encoded", false);
        }
        return HttpBodies.write(json, e);
    }

    private ObjectNode requestContext(HttpCall call, String functionName) {
        ObjectNode rc = json.createObjectNode();
        rc.put("accountId", "anonymous");
        rc.put("apiId", functionName);
        rc.put("domainName", HttpBodies.header(call, "host"));
        rc.put("domainPrefix", functionName);
        ObjectNode http = rc.putObject("http");
        http.put("method", call.method());
        http.put("path", call.rawPath());
        http.put("protocol", call.protocol());
        http.put("sourceIp", call.sourceIp());
        http.put("userAgent", HttpBodies.header(call, "user-agent"));
        rc.put("requestId", call.requestId());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", HttpBodies.TIME.format(call.time()));
        rc.put("timeEpoch", call.time().toEpochMilli());
        return rc;
    }

    private static void splitCookies(String header, List<String> out) {
        for (String c : header.split(";")) {
            if (!c.isBlank()) {
                out.add(c.strip());
            }
        }
    }

    /**
     * An object with {@code statusCode} describes the response ({@code statusCode}, {@code headers},
     * {@code cookies}, {@code body}, {@code isBase64Encoded}); any other JSON is a 200 JSON body,
     * a JSON string unquoted and anything else re-serialized compactly, as AWS answers.
     */
    @Override
    public HttpReply reply(byte[] result) {
        JsonNode node = HttpBodies.parse(json, result);
        if (node == null) {
            return new HttpReply(200, Map.of("content-type", List.of("application/json")), result);
        }
        if (!node.isObject() || !node.has("statusCode")) {
            byte[] body = node.isTextual() ? node.textValue().getBytes(StandardCharsets.UTF_8) : HttpBodies.write(json, node);
            return new HttpReply(200, Map.of("content-type", List.of("application/json")), body);
        }
        return described(node);
    }

    private HttpReply described(JsonNode node) {
        int status = node.path("statusCode").asInt(0);
        var headers = new LinkedHashMap<String, List<String>>();
        node.path("headers").properties().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT),
                new ArrayList<>(List.of(h.getValue().asText()))));
        if (node.path("cookies").isArray() && !node.path("cookies").isEmpty()) {
            var values = headers.computeIfAbsent("set-cookie", k -> new ArrayList<>());
            node.path("cookies").forEach(c -> values.add(c.asText()));
        }
        JsonNode bodyNode = node.path("body");
        byte[] body;
        if (bodyNode.isMissingNode() || bodyNode.isNull()) {
            body = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(bodyNode.asText());
            } catch (IllegalArgumentException e) {
                return HttpReply.message(502, internalErrorMessage());
            }
        } else {
            body = (bodyNode.isTextual() ? bodyNode.textValue() : bodyNode.toString()).getBytes(StandardCharsets.UTF_8);
        }
        headers.putIfAbsent("content-type", List.of("application/json"));
        return FunctionResponses.checked(status, headers, body, internalErrorMessage());
    }

    @Override
    public String internalErrorMessage() {
        return "Internal Server Error";
    }
}
