package dev.nimbus.core.function;

import java.time.Instant;

/**
 * A named pointer to a version, optionally sending a share of traffic to a second version.
 *
 * @param function          function name
 * @param name              alias name: letters, digits, '-' and '_', not all digits, at most 128
 * @param version           the primary version: a published version number or {@code $LATEST}
 * @param description       free text
 * @param additionalVersion a second published version, or null
 * @param additionalWeight  share of invocations (0-1) routed to {@code additionalVersion}
 * @param revisionId        changes with every update, for optimistic concurrency
 * @param updatedAt         last change
 */
public record Alias(String function, String name, String version, String description, String additionalVersion,
                    double additionalWeight, String revisionId, Instant updatedAt) {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The version one invocation runs, given a uniformly random {@code draw} in [0, 1). */
    public String pick(double draw) {
        return additionalVersion != null && draw < additionalWeight ? additionalVersion : version;
    }
}
