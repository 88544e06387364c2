package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A function as the management API describes it (its latest revision). Read leniently: a field the
 * server leaves out is null (or empty), and fields this CLI does not know are ignored.
 */
public record FunctionInfo(
        String name,
        Long revision,
        String runtime,
        String handler,
        Integer memoryMb,
        Integer timeoutSeconds,
        Map<String, String> environment,
        String description,
        Integer concurrency,
        String codeSha256,
        Long codeSize,
        Optional<Instant> createdAt) {

    public static FunctionInfo from(JsonNode json) {
        Map<String, String> environment = new TreeMap<>();
        json.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        return new FunctionInfo(
                text(json, "name"),
                json.path("revision").isNumber() ? json.path("revision").asLong() : null,
                text(json, "runtime"),
                text(json, "handler"),
                json.path("memoryMb").isNumber() ? json.path("memoryMb").asInt() : null,
                json.path("timeoutSeconds").isNumber() ? json.path("timeoutSeconds").asInt() : null,
                environment,
                text(json, "description"),
                json.path("concurrency").isNumber() ? json.path("concurrency").asInt() : null,
                text(json, "codeSha256"),
                json.path("codeSize").isNumber() ? json.path("codeSize").asLong() : null,
                WireTime.parse(json.path("createdAt")));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
