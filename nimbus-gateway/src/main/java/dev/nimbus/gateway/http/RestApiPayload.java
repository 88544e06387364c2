package dev.nimbus.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway REST API proxy integration, payload 1.0 (lambda-compat.md §6.1): the route is the
 * greedy resource {@code /{proxy+}}; headers and query parameters come both single-valued (the
 * last value) and multi-valued. The function must answer with a proxy response object; anything
 * else is a 502 {@code {"message":"Internal server error"}}, as API Gateway answers it.
 */
public final class RestApiPayload implements HttpPayload {
    private final ObjectMapper json;

    RestApiPayload(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public byte[] event(HttpCall call, String functionName) {
        boolean root = call.rawPath().equals("/");
        ObjectNode e = json.createObjectNode();
        e.put("version", "1.0");
        e.put("resource", root ? "/" : "/{proxy+}");
        e.put("path", call.rawPath());
        e.put("httpMethod", call.method());
        ObjectNode headers = e.putObject("headers");
        ObjectNode multiHeaders = e.putObject("multiValueHeaders");
        call.headers().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.getLast());
                values.forEach(multiHeaders.withArray(name)::add);
            }
        });
        Map<String, List<String>> query = QueryStrings.parse(call.rawQuery());
        if (query.isEmpty()) {
            e.putNull("queryStringParameters");
            e.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = e.putObject("queryStringParameters");
            ObjectNode multi = e.putObject("multiValueQueryStringParameters");
            query.forEach((k, v) -> {
                single.put(k, v.getLast());
                v.forEach(multi.withArray(k)::add);
            });
        }
        if (root) {
            e.putNull("pathParameters");
        } else {
            e.putObject("pathParameters").put("proxy", decodePath(call.rawPath().substring(1)));
        }
        e.putNull("stageVariables");
        e.set("requestContext", requestContext(call, functionName, root));
        if (call.body().length > 0) {
            String text = HttpBodies.text(call);
            e.put("body", text != null ? text : HttpBodies.base64(call));
            e.put("isBase64Encoded", text == null);
        } else {
            e.putNull("body");
            e.put("isBase64Encoded", false);
        }
        return HttpBodies.write(json, e);
    }

    private ObjectNode requestContext(HttpCall call, String functionName, boolean root) {
        ObjectNode rc = json.createObjectNode();
        rc.put("accountId", "anonymous");
        rc.put("apiId", functionName);
        rc.put("resourceId", functionName);
        rc.put("resourcePath", root ? "/" : "/{proxy+}");
        rc.put("httpMethod", call.method());
        rc.put("path", call.rawPath());
        rc.put("stage", "$default");
        rc.put("protocol", call.protocol());
        rc.put("requestId", call.requestId());
        rc.put("extendedRequestId", call.requestId());
        rc.put("requestTime", HttpBodies.TIME.format(call.time()));
        rc.put("requestTimeEpoch", call.time().toEpochMilli());
        rc.put("domainName", HttpBodies.header(call, "host"));
        rc.put("domainPrefix", functionName);
        ObjectNode identity = rc.putObject("identity");
        identity.put("sourceIp", call.sourceIp());
        identity.put("userAgent", HttpBodies.header(call, "user-agent"));
        for (String absent : List.of("accountId", "caller", "user", "userArn", "accessKey", "apiKey",
                "cognitoIdentityId", "cognitoIdentityPoolId", "cognitoAuthenticationType",
                "cognitoAuthenticationProvider", "principalOrgId")) {
            identity.putNull(absent);
        }
        return rc;
    }

    private static String decodePath(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /**
     * A proxy response: {@code statusCode} (required), {@code headers} and {@code multiValueHeaders}
     * merged into one list per name (a name-value pair in both appears once), {@code body} a string,
     * {@code isBase64Encoded}. Members of the wrong type make the response malformed.
     */
    @Override
    public HttpReply reply(byte[] result) {
        JsonNode node = HttpBodies.parse(json, result);
        if (node == null || !node.isObject()) {
            return malformed();
        }
        JsonNode statusNode = node.path("statusCode");
        int status = statusNode.isInt() ? statusNode.intValue()
                : statusNode.isTextual() && statusNode.textValue().matches("[0-9]{3}") ? Integer.parseInt(statusNode.textValue())
                : 0;
        JsonNode body = node.path("body");
        JsonNode base64 = node.path("isBase64Encoded");
        if (!(body.isMissingNode() || body.isNull() || body.isTextual())
                || !(base64.isMissingNode() || base64.isNull() || base64.isBoolean())) {
            return malformed();
        }
        Map<String, List<String>> headers = headers(node.path("headers"), node.path("multiValueHeaders"));
        if (headers == null) {
            return malformed();
        }
        byte[] bytes;
        try {
            bytes = body.isTextual() ? base64.asBoolean(false) ? Base64.getDecoder().decode(body.textValue())
                    : body.textValue().getBytes(StandardCharsets.UTF_8) : new byte[0];
        } catch (IllegalArgumentException e) {
            return malformed();
        }
        headers.putIfAbsent("content-type", List.of("application/json"));
        return FunctionResponses.checked(status, headers, bytes, internalErrorMessage());
    }

    /** Merged headers by lower-case name, or null if either member has the wrong shape. */
    private static Map<String, List<String>> headers(JsonNode single, JsonNode multi) {
        var out = new LinkedHashMap<String, List<String>>();
        if (!single.isMissingNode() && !single.isNull()) {
            if (!single.isObject()) {
                return null;
            }
            for (var h : single.properties()) {
                if (!h.getValue().isValueNode() || h.getValue().isNull()) {
                    return null;
                }
                out.put(h.getKey().toLowerCase(Locale.ROOT), List.of(h.getValue().asText()));
            }
        }
        if (!multi.isMissingNode() && !multi.isNull()) {
            if (!multi.isObject()) {
                return null;
            }
            for (var h : multi.properties()) {
                if (!h.getValue().isArray()) {
                    return null;
                }
                var values = new ArrayList<String>();
                for (JsonNode v : h.getValue()) {
                    if (!v.isValueNode() || v.isNull()) {
                        return null;
                    }
                    values.add(v.asText());
                }
                String name = h.getKey().toLowerCase(Locale.ROOT);
                List<String> fromSingle = out.getOrDefault(name, List.of());
                fromSingle.stream().filter(v -> !values.contains(v)).forEach(values::add);
                out.put(name, values);
            }
        }
        return out;
    }

    private HttpReply malformed() {
        return HttpReply.message(502, internalErrorMessage());
    }

    @Override
    public String internalErrorMessage() {
        return "Internal server error";
    }
}
