package dev.nimbus.core.secret;

import java.time.Instant;

/** What the API shows of a secret: never its value. */
public record Secret(String name, Instant createdAt, Instant updatedAt) {
}
