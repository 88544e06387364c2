package dev.nimbus.core.object;

import java.time.Instant;
import java.util.Objects;

/** What a listing shows of an object: its key, size, etag and time, without its metadata. */
public record ObjectSummary(String key, long size, String etag, Instant lastModified) {
    public ObjectSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
