package dev.nimbus.events.bus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.Subscription;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an event published to a topic into the asynchronous invocations it causes: one for each
 * subscription whose {@link EventFilter} passes, whose event is the CloudEvent in structured JSON.
 * Invocation ids are derived from the topic, the publishing function, the event's source and id
 * and the subscription, so the same CloudEvent published again causes nothing new while its
 * invocations are kept. Nothing is stored here: the caller commits the invocations.
 *
 * <p>Threading: thread-safe.
 */
public final class TopicFanOut {
    private static final JsonFormat FORMAT = new JsonFormat();

    private final BusStore bus;
    private final ObjectMapper json;

    /** One subscription an event matched, and the invocation it causes. */
    public record Match(Subscription subscription, AsyncEvent invocation) {
    }

    public TopicFanOut(BusStore bus, ObjectMapper json) {
        this.bus = bus;
        this.json = json;
    }

    /**
     * The invocations {@code event} causes on {@code topic} (none if the topic has no matching
     * subscription or does not exist).
     *
     * @param publisher the function that published it, or null
     */
    public List<Match> matches(String topic, CloudEvent event, String publisher, Instant now) {
        Map<String, String> attributes = attributes(event);
        JsonNode data = data(event);
        byte[] structured = FORMAT.serialize(event);
        List<Match> matches = new ArrayList<>();
        try {
            for (Subscription s : bus.subscriptions(topic)) {
                if (EventFilter.parse(json.readTree(s.filter())).matches(attributes, data)) {
                    String id = UUID.nameUUIDFromBytes(json.writeValueAsBytes(List.of(topic, String.valueOf(publisher),
                            event.getSource().toString(), event.getId(), s.name()))).toString();
                    matches.add(new Match(s, AsyncEvent.accepted(id, s.function(), s.qualifier(), structured, null, null,
                            now).withOrigin(s.origin())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a stored filter is JSON", e);
        }
        return matches;
    }

    /** The invocations alone. */
    public List<AsyncEvent> invocations(String topic, CloudEvent event, String publisher, Instant now) {
        return matches(topic, event, publisher, now).stream().map(Match::invocation).toList();
    }

    private static Map<String, String> attributes(CloudEvent event) {
        Map<String, String> attributes = new HashMap<>();
        for (String name : event.getAttributeNames()) {
            Object value = event.getAttribute(name);
            if (value != null) {
                attributes.put(name, value.toString());
            }
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                attributes.put(name, value.toString());
            }
        }
        return attributes;
    }

    /** The data as JSON, or null when there is none or it is not JSON. */
    private JsonNode data(CloudEvent event) {
        return event.getData() == null || !isJson(event.getDataContentType()) ? null
                : strictJson(json, event.getData().toBytes());
    }

    /** Without a content type, CloudEvents data is JSON. */
    static boolean isJson(String contentType) {
        return contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** One complete JSON value with no key twice in an object and nothing after it, or null. */
    public static JsonNode strictJson(ObjectMapper json, byte[] bytes) {
        try {
            JsonNode node = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
