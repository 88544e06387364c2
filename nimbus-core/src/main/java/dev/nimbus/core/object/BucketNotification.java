package dev.nimbus.core.object;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Invokes a function asynchronously for each change of an object in {@code bucket} whose key
 * starts with {@code prefix} and ends with {@code suffix}, and whose event name is one of
 * {@code events}. The bucket need not exist on this node: a notification also matches the records
 * that external stores send to the S3 webhook.
 *
 * @param name      unique within the bucket; the record's {@code s3.configurationId}
 * @param qualifier a version or alias, or null for {@code $LATEST}
 * @param events    event kinds: {@code ObjectCreated:*}, {@code ObjectRemoved:*} or exact names like {@code ObjectCreated:Put}
 * @param prefix    key prefix, empty for any
 * @param suffix    key suffix, empty for any
 * @param delivery  how its events are delivered, or null for its function's configuration
 */
public record BucketNotification(String bucket, String name, String function, String qualifier, List<String> events,
                                 String prefix, String suffix, Instant createdAt, DeliveryConfig delivery) {
    public BucketNotification {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        events = List.copyOf(events);
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** {@link AsyncEvent#origin()} of the events it causes. */
    public String origin() {
        return origin(bucket, name);
    }

    /** {@link AsyncEvent#origin()} of the events the notification {@code bucket/name} causes. */
    public static String origin(String bucket, String name) {
        return "notification:" + bucket + "/" + name;
    }

    /** Whether a change named {@code eventName} (e.g. {@code ObjectCreated:Put}) of {@code key} invokes the function. */
    public boolean matches(String eventName, String key) {
        if (!key.startsWith(prefix) || !key.endsWith(suffix)) {
            return false;
        }
        for (String kind : events) {
            if (kind.equals(eventName) || kind.endsWith(":*") && eventName.startsWith(kind.substring(0, kind.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
