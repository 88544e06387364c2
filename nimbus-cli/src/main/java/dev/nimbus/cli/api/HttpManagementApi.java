package dev.nimbus.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@link ManagementApi} over {@code java.net.http}, HTTP/1.1.
 *
 * <p>Threading: used by one command on one thread; the underlying {@link HttpClient} is thread-safe.
 *
 * <p>Bounds: connecting gives up after {@link #CONNECT_TIMEOUT}; metadata calls after
 * {@link #CALL_TIMEOUT}. Code upload, invoke and the log stream have no overall limit: they last as
 * long as the archive, the function's own timeout or the user's patience.
 */
final class HttpManagementApi implements ManagementApi {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final String REQUEST_ID = "X-Nimbus-Request-Id";
    private static final String FUNCTION_ERROR = "X-Nimbus-Function-Error";
    private static final String NAMESPACE = "X-Nimbus-Namespace";
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URI base;
    private final String apiKey;
    private final String keySource;
    private final String namespace;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    HttpManagementApi(URI base, String apiKey, String keySource, String namespace) {
        this.base = base;
        this.apiKey = apiKey;
        this.keySource = apiKey == null ? null : keySource;
        this.namespace = namespace;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public URI baseUri() {
        return base;
    }

    @Override
    public CodeRef uploadCode(byte[] zip) {
        var request = request("/api/v1/code")
                .header("Content-Type", "application/zip")
                .POST(BodyPublishers.ofByteArray(zip));
        JsonNode body = callJson(request);
        if (!body.path("sha256").isTextual()) {
            throw ApiException.unexpectedAnswer(base, "code upload returned no sha256");
        }
        return new CodeRef(body.path("sha256").asText(), body.path("size").asLong());
    }

    @Override
    public JsonNode putFunction(String name, ObjectNode configuration) {
        return callJson(jsonRequest(functionPath(name)).PUT(BodyPublishers.ofByteArray(toBytes(configuration))));
    }

    @Override
    public JsonNode listFunctions() {
        return callJson(request("/api/v1/functions").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode getFunction(String name) {
        return callJson(request(functionPath(name)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode top() {
        return callJson(request("/api/v1/top").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode instances(String name) {
        return callJson(request(functionPath(name) + "/instances").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode invocation(String name, String requestId) {
        return callJson(request(functionPath(name) + "/invocations/" + segment(requestId)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode invocations(String name, InvocationFilter filter) {
        List<String> query = new ArrayList<>();
        if (filter.limit() != null) {
            query.add("limit=" + filter.limit());
        }
        if (filter.cursor() != null) {
            query.add("cursor=" + segment(filter.cursor()));
        }
        if (!filter.outcomes().isEmpty()) {
            query.add("outcome=" + String.join(",", filter.outcomes().stream().map(HttpManagementApi::segment).toList()));
        }
        if (filter.since() != null) {
            query.add("since=" + segment(filter.since().toString()));
        }
        if (filter.until() != null) {
            query.add("until=" + segment(filter.until().toString()));
        }
        String path = functionPath(name) + "/invocations" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return callJson(request(path).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public void deleteFunction(String name) {
        call(request(functionPath(name)).timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public JsonNode publishVersion(String name, ObjectNode request) {
        return callJson(jsonRequest(functionPath(name) + "/versions").POST(BodyPublishers.ofByteArray(toBytes(request))));
    }

    @Override
    public JsonNode listVersions(String name) {
        return callJson(request(functionPath(name) + "/versions").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public void deleteVersion(String name, String version) {
        call(request(functionPath(name) + "/versions/" + segment(version)).timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public JsonNode listAliases(String name) {
        return callJson(request(functionPath(name) + "/aliases").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode getAlias(String name, String alias) {
        return callJson(request(functionPath(name) + "/aliases/" + segment(alias)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public Saved putAlias(String name, String alias, ObjectNode request) {
        return save(jsonRequest(functionPath(name) + "/aliases/" + segment(alias))
                .PUT(BodyPublishers.ofByteArray(toBytes(request))));
    }

    /** A create-or-update call: 201 is created, any other 2xx updated. */
    private Saved save(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = send(request.build(), BodyHandlers.ofByteArray());
        if (!isSuccess(response.statusCode())) {
            throw failure(response.statusCode(), response.body(), response);
        }
        return new Saved(response.statusCode() == 201, jsonObject(response.body()));
    }

    @Override
    public void deleteAlias(String name, String alias) {
        call(request(functionPath(name) + "/aliases/" + segment(alias)).timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public void reserveConcurrency(String name, int reserved) {
        ObjectNode body = json.createObjectNode().put("reservedConcurrency", reserved);
        call(jsonRequest(functionPath(name) + "/concurrency").PUT(BodyPublishers.ofByteArray(toBytes(body))));
    }

    @Override
    public void clearReservedConcurrency(String name) {
        call(request(functionPath(name) + "/concurrency").timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public JsonNode invokeAsync(String name, byte[] payload) {
        return callJson(jsonRequest(functionPath(name) + "/async").POST(BodyPublishers.ofByteArray(payload)));
    }

    @Override
    public JsonNode asyncEvents(String name, String status, int limit) {
        String query = "?limit=" + limit + (status == null ? "" : "&status=" + segment(status));
        return callJson(request(functionPath(name) + "/async" + query).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode originEvents(String kind, String name, String status, int limit) {
        String path = switch (kind) {
            case "subscription" -> {
                int slash = name.indexOf('/');
                if (slash < 0) {
                    throw new IllegalArgumentException("a subscription is named TOPIC/NAME, was " + name);
                }
                yield "/api/v1/topics/" + segment(name.substring(0, slash)) + "/subscriptions/"
                        + segment(name.substring(slash + 1)) + "/events";
            }
            case "notification" -> {
                int slash = name.indexOf('/');
                if (slash < 0) {
                    throw new IllegalArgumentException("a bucket notification is named BUCKET/NAME, was " + name);
                }
                yield "/api/v1/buckets/" + segment(name.substring(0, slash)) + "/notifications/"
                        + segment(name.substring(slash + 1)) + "/events";
            }
            case "schedule" -> "/api/v1/schedules/" + segment(name) + "/events";
            default -> throw new IllegalArgumentException("events are caused by a subscription, notification or schedule, not "
                    + kind);
        };
        String query = "?limit=" + limit + (status == null ? "" : "&status=" + segment(status));
        return callJson(request(path + query).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode putSecret(String name, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("value", value);
        return callJson(jsonRequest("/api/v1/secrets/" + segment(name)).PUT(BodyPublishers.ofByteArray(toBytes(body))));
    }

    @Override
    public JsonNode listSecrets() {
        return callJson(request("/api/v1/secrets").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public void deleteSecret(String name) {
        call(request("/api/v1/secrets/" + segment(name)).timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public JsonNode createKey(String name, String role) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("role", role);
        return callJson(jsonRequest("/api/v1/keys").POST(BodyPublishers.ofByteArray(toBytes(body))));
    }

    @Override
    public JsonNode listKeys() {
        return callJson(request("/api/v1/keys").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public void deleteKey(String id) {
        call(request("/api/v1/keys/" + segment(id)).timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public JsonNode listNamespaces() {
        return callJson(request("/api/v1/namespaces").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode getNamespace(String name) {
        return callJson(request(namespacePath(name)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public Saved putNamespace(String name, ObjectNode limits) {
        return save(jsonRequest(namespacePath(name)).PUT(BodyPublishers.ofByteArray(toBytes(limits))));
    }

    @Override
    public void deleteNamespace(String name) {
        call(request(namespacePath(name)).timeout(CALL_TIMEOUT).DELETE());
    }

    private static String namespacePath(String name) {
        return "/api/v1/namespaces/" + segment(name);
    }

    @Override
    public JsonNode getDelivery(String name, String qualifier) {
        return callJson(request(deliveryPath(name, qualifier)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode putDelivery(String name, String qualifier, ObjectNode config) {
        return callJson(jsonRequest(deliveryPath(name, qualifier)).PUT(BodyPublishers.ofByteArray(toBytes(config))));
    }

    @Override
    public void deleteDelivery(String name, String qualifier) {
        call(request(deliveryPath(name, qualifier)).timeout(CALL_TIMEOUT).DELETE());
    }

    private static String deliveryPath(String name, String qualifier) {
        return functionPath(name) + "/delivery" + (qualifier == null ? "" : "?qualifier=" + segment(qualifier));
    }

    @Override
    public JsonNode redriveDeadLetters(String name, String id) {
        return callJson(request(functionPath(name) + "/dead-letters/redrive" + idQuery(id)).timeout(CALL_TIMEOUT)
                .POST(BodyPublishers.noBody()));
    }

    @Override
    public JsonNode purgeDeadLetters(String name, String id) {
        return callJson(request(functionPath(name) + "/dead-letters" + idQuery(id)).timeout(CALL_TIMEOUT).DELETE());
    }

    @Override
    public JsonNode putSchedule(String name, ObjectNode schedule) {
        return callJson(jsonRequest("/api/v1/schedules/" + segment(name)).PUT(BodyPublishers.ofByteArray(toBytes(schedule))));
    }

    @Override
    public JsonNode listSchedules() {
        return callJson(request("/api/v1/schedules").timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public JsonNode getSchedule(String name) {
        return callJson(request("/api/v1/schedules/" + segment(name)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public void deleteSchedule(String name) {
        call(request("/api/v1/schedules/" + segment(name)).timeout(CALL_TIMEOUT).DELETE());
    }

    private static String idQuery(String id) {
        return id == null ? "" : "?id=" + segment(id);
    }

    @Override
    public JsonNode asyncEvent(String id) {
        return callJson(request("/api/v1/async/" + segment(id)).timeout(CALL_TIMEOUT).GET());
    }

    @Override
    public Invocation invoke(String name, byte[] payload) {
        var request = request(functionPath(name) + "/invoke")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(payload))
                .build();
        HttpResponse<byte[]> response = send(request, BodyHandlers.ofByteArray());
        var functionError = response.headers().firstValue(FUNCTION_ERROR);
        if (functionError.isEmpty() && !isSuccess(response.statusCode())) {
            throw failure(response.statusCode(), response.body(), response);
        }
        return new Invocation(response.headers().firstValue(REQUEST_ID), functionError, response.body());
    }

    @Override
    public List<LogRecord> logs(String name, OptionalInt limit) {
        String query = limit.isPresent() ? "?limit=" + limit.getAsInt() : "";
        JsonNode body = callJson(request(functionPath(name) + "/logs" + query).timeout(CALL_TIMEOUT).GET());
        List<LogRecord> records = new ArrayList<>();
        body.path("logs").forEach(record -> records.add(LogRecord.from(record)));
        return records;
    }

    @Override
    public void followLogs(String name, OptionalInt limit, Consumer<LogRecord> onRecord) {
        String query = "?follow=true" + (limit.isPresent() ? "&limit=" + limit.getAsInt() : "");
        var request = request(functionPath(name) + "/logs" + query)
                .setHeader("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<InputStream> response = send(request, BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (!isSuccess(response.statusCode())) {
                throw failure(response.statusCode(), body.readNBytes(MAX_ERROR_BODY), response);
            }
            EventStream.read(body, data -> {
                JsonNode record = parseOrNull(data);
                if (record != null && record.isObject()) {
                    onRecord.accept(LogRecord.from(record));
                }
            });
        } catch (IOException e) {
            throw ApiException.connectionLost(base, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (namespace != null) {
            request.header(NAMESPACE, namespace);
        }
        return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
    }

    /** A metadata call with a JSON body. */
    private HttpRequest.Builder jsonRequest(String path) {
        return request(path).timeout(CALL_TIMEOUT).header("Content-Type", "application/json");
    }

    /**
     * The function's path; a {@code name:qualifier} stays one segment, {@code orders%3Alive}, and
     * the server splits it.
     */
    private static String functionPath(String name) {
        return "/api/v1/functions/" + segment(name);
    }

    /** One path segment, percent-encoded, so that {@code ../x} or {@code a/b} cannot change the path. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode callJson(HttpRequest.Builder request) {
        return jsonObject(call(request));
    }

    private JsonNode jsonObject(byte[] body) {
        JsonNode parsed = parseOrNull(new String(body, StandardCharsets.UTF_8));
        if (parsed == null || !parsed.isObject()) {
            throw ApiException.unexpectedAnswer(base, "expected a JSON object");
        }
        return parsed;
    }

    private byte[] call(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = send(request.build(), BodyHandlers.ofByteArray());
        if (!isSuccess(response.statusCode())) {
            throw failure(response.statusCode(), response.body(), response);
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw ApiException.unreachable(base);
        } catch (HttpTimeoutException e) {
            throw ApiException.timedOut(base);
        } catch (IOException e) {
            throw ApiException.connectionLost(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.interrupted();
        }
    }

    private ApiException failure(int status, byte[] body, HttpResponse<?> response) {
        String text = new String(body, StandardCharsets.UTF_8);
        return ApiException.fromResponse(base, status, parseOrNull(text), text,
                response.headers().firstValue(REQUEST_ID).orElse(null), keySource);
    }

    private JsonNode parseOrNull(String text) {
        try {
            return text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private byte[] toBytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }
}
