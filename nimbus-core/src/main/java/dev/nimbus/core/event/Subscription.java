package dev.nimbus.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Binds a topic to a function: each event published to the topic that passes {@code filter}
 * becomes an asynchronous invocation of the function, with the CloudEvent as its event.
 *
 * @param filter the subscription's filter as JSON ({@code {}} for every event)
 */
public record Subscription(String topic, String name, String function, String qualifier, String filter,
                           Instant createdAt) {
    public Subscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
