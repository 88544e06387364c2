package dev.nimbus.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Binds a topic to a function: each event published to the topic that passes {@code filter}
 * becomes an asynchronous invocation of the function, with the CloudEvent as its event.
 *
 * @param filter   the subscription's filter as JSON ({@code {}} for every event)
 * @param delivery how its events are delivered, or null for its function's configuration
 */
public record Subscription(String topic, String name, String function, String qualifier, String filter,
                           Instant createdAt, DeliveryConfig delivery) {
    public Subscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** {@link AsyncEvent#origin()} of the events it causes. */
    public String origin() {
        return origin(topic, name);
    }

    /** {@link AsyncEvent#origin()} of the events the subscription {@code topic/name} causes. */
    public static String origin(String topic, String name) {
        return "subscription:" + topic + "/" + name;
    }
}
