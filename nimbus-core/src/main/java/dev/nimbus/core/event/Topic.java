package dev.nimbus.core.event;

import java.time.Instant;
import java.util.Objects;

/** A named channel of the event bus that subscriptions listen to. */
public record Topic(String name, Instant createdAt) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
