package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A function version as the management API describes it: {@code $LATEST} (the function itself) or
 * a published version. Read leniently: a field the server leaves out is null (or empty), and
 * fields this CLI does not know are ignored.
 *
 * @param version             {@code $LATEST} or a published version number
 * @param reservedConcurrency concurrency reserved for all versions together, or null for none
 * @param role                the Lambda role the function was created with; empty or null if none
 * @param httpPayloadFormat   event shape of the function's HTTP route, {@code 1.0} or {@code 2.0}
 * @param createdAt           when the revision was deployed, or the version published
 * @param scaling             the effective scaling object, or a missing node if the server sent none
 * @param lastUpdate          {@code {status, reason?, at}} of the last update of {@code $LATEST}, or a missing node
 * @param egress              whether instances may reach the internet
 */
public record FunctionInfo(
        String name,
        String version,
        Long revision,
        String revisionId,
        String runtime,
        String handler,
        Integer memoryMb,
        Integer timeoutSeconds,
        Map<String, String> environment,
        String description,
        Integer concurrency,
        Integer reservedConcurrency,
        String role,
        String httpPayloadFormat,
        String codeSha256,
        Long codeSize,
        Optional<Instant> createdAt,
        JsonNode scaling,
        JsonNode lastUpdate,
        boolean egress) {

    public static FunctionInfo from(JsonNode json) {
        Map<String, String> environment = new TreeMap<>();
        json.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        return new FunctionInfo(
                text(json, "name"),
                text(json, "version"),
                json.path("revision").isNumber() ? json.path("revision").asLong() : null,
                text(json, "revisionId"),
                text(json, "runtime"),
                text(json, "handler"),
                integer(json, "memoryMb"),
                integer(json, "timeoutSeconds"),
                environment,
                text(json, "description"),
                integer(json, "concurrency"),
                integer(json, "reservedConcurrency"),
                text(json, "role"),
                text(json, "httpPayloadFormat"),
                text(json, "codeSha256"),
                json.path("codeSize").isNumber() ? json.path("codeSize").asLong() : null,
                WireTime.parse(json.path("createdAt")),
                json.path("scaling"),
                json.path("lastUpdate"),
                json.path("egress").asBoolean(false));
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Integer integer(JsonNode json, String field) {
        return json.path(field).isNumber() ? json.path(field).asInt() : null;
    }
}
