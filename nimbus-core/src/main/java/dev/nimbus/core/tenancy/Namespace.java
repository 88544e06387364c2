package dev.nimbus.core.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A namespace (tenant) and its quotas; a null quota is unlimited.
 *
 * @param name          {@link #NAME}, e.g. {@code team-a}
 * @param maxFunctions  the most functions it may have
 * @param maxInstances  the most instances of its functions that may run at once on a node
 * @param maxCodeBytes  the largest code archive (zip) one of its functions may deploy
 * @param createdAt     when it was created
 */
public record Namespace(String name, Integer maxFunctions, Integer maxInstances, Long maxCodeBytes,
                        Instant createdAt) {
    /** The namespace of everything created without one, and of the installation's administrators. */
    public static final String DEFAULT = "default";
    /** A lower-case DNS label of at most 32 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isName(name)) {
            throw new IllegalArgumentException("invalid namespace name");
        }
        if (maxFunctions != null && maxFunctions < 1 || maxInstances != null && maxInstances < 1
                || maxCodeBytes != null && maxCodeBytes < 1) {
            throw new IllegalArgumentException("quotas are positive or unlimited (null)");
        }
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
