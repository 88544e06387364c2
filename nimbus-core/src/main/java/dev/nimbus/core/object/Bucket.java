package dev.nimbus.core.object;

import java.time.Instant;
import java.util.Objects;

/** A bucket of this node's object storage. */
public record Bucket(String name, Instant createdAt) {
    public Bucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
