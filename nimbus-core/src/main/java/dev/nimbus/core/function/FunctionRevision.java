package dev.nimbus.core.function;

import java.time.Instant;

/**
 * One immutable revision of a function as it serves invocations. Every code or configuration
 * update of {@code $LATEST} creates the next revision; publishing a version freezes a revision
 * under a version number. Instances are kept per {@link #key()}, so each version has its own.
 *
 * @param name       function name
 * @param revision   1, 2, 3, ... per function
 * @param config     configuration of this revision
 * @param codeSha256 hex sha256 of the code archive in the code store
 * @param codeSize   size of the code archive in bytes
 * @param createdAt  when this revision (or published version) was created
 * @param revisionId opaque id that changes with every change, for optimistic concurrency (Lambda's RevisionId)
 * @param version    {@link #LATEST} or a published version number ("1", "2", ...)
 */
public record FunctionRevision(String name, long revision, FunctionConfig config, String codeSha256, long codeSize,
                               Instant createdAt, String revisionId, String version) {

    /** The mutable version every deploy updates. */
    public static final String LATEST = "$LATEST";

    public boolean isLatest() {
        return LATEST.equals(version);
    }

    /** A short key naming the function, version and revision, e.g. {@code orders:$LATEST#3} or {@code orders:2#3}. */
    public String key() {
        return name + ":" + version + "#" + revision;
    }
}
