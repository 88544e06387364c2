package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A namespace (tenant) as the management API describes it. Read leniently, like {@link FunctionInfo}:
 * a limit the server sends as null or leaves out is unlimited, and so is null here.
 *
 * @param maxFunctions   most functions it may hold, or null for unlimited
 * @param maxInstances   most instances its functions may run at once, or null for unlimited
 * @param maxCodeBytes   largest code archive it may deploy, in bytes, or null for unlimited
 * @param functions      functions it holds now, or null if the server did not say
 * @param instances      instances running now, or null if the server did not say
 * @param keys           API keys it holds, or null if the server did not say
 */
public record NamespaceInfo(String name, Integer maxFunctions, Integer maxInstances, Long maxCodeBytes,
                            Optional<Instant> createdAt, Integer functions, Integer instances, Integer keys) {

    public static NamespaceInfo from(JsonNode json) {
        JsonNode usage = json.path("usage");
        return new NamespaceInfo(
                FunctionInfo.text(json, "name"),
                integer(json, "maxFunctions"),
                integer(json, "maxInstances"),
                json.path("maxCodeBytes").isNumber() ? json.path("maxCodeBytes").asLong() : null,
                WireTime.parse(json.path("createdAt")),
                integer(usage, "functions"),
                integer(usage, "instances"),
                integer(usage, "keys"));
    }

    private static Integer integer(JsonNode json, String field) {
        return json.path(field).isNumber() ? json.path(field).asInt() : null;
    }
}
