package dev.nimbus.core.function;

import java.time.Instant;

/**
 * One immutable revision of a function: every code or configuration update creates the next one.
 *
 * @param name       function name
 * @param revision   1, 2, 3, ... per function
 * @param config     configuration of this revision
 * @param codeSha256 hex sha256 of the code archive in the code store
 * @param codeSize   size of the code archive in bytes
 * @param createdAt  when this revision was created
 */
public record FunctionRevision(String name, long revision, FunctionConfig config, String codeSha256, long codeSize,
                               Instant createdAt) {

    /** A short key naming the function and revision, e.g. {@code orders#3}. */
    public String key() {
        return name + "#" + revision;
    }
}
