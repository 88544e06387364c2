package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * An alias as the management API describes it. Read leniently, like {@link FunctionInfo}.
 *
 * @param function          function name
 * @param name              alias name
 * @param version           the version the alias points at: a number or {@code $LATEST}
 * @param additionalVersion a second version that gets {@code additionalWeight} of the invocations, or null
 * @param additionalWeight  0-1; 0 when there is no additional version
 * @param revisionId        changes with every update
 */
public record AliasInfo(String function, String name, String version, String description, String additionalVersion,
                        double additionalWeight, String revisionId, Optional<Instant> updatedAt) {

    public static AliasInfo from(JsonNode json) {
        return new AliasInfo(
                FunctionInfo.text(json, "function"),
                FunctionInfo.text(json, "name"),
                FunctionInfo.text(json, "version"),
                FunctionInfo.text(json, "description"),
                FunctionInfo.text(json, "additionalVersion"),
                json.path("additionalWeight").asDouble(0),
                FunctionInfo.text(json, "revisionId"),
                WireTime.parse(json.path("updatedAt")));
    }

    /** Whether a share of the invocations goes to {@link #additionalVersion()}. */
    public boolean splitsTraffic() {
        return additionalVersion != null && !additionalVersion.isEmpty();
    }
}
