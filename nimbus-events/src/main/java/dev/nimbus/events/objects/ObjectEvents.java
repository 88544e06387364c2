package dev.nimbus.events.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.ObjectInfo;
import dev.nimbus.core.object.ObjectStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Turns object changes into the asynchronous invocations of the bucket's matching notifications,
 * each with the event {@code {"Records":[record]}} where the record has the shape of S3's event
 * notifications (lambda-compat.md §6.3), {@code s3.configurationId} being the notification's name.
 * Local changes are {@link #created} and {@link #removed}; {@link #external} takes the records an
 * external store (S3, MinIO) sent to the webhook.
 *
 * <p>Event ids are derived from the bucket, the key, the sequencer, the eTag, the event time and
 * name and the notification, so the same record fans out to the same ids: a resent webhook, or a
 * retried commit, delivers nothing twice (while the events are kept).
 *
 * <p>Threading: thread-safe.
 */
public final class ObjectEvents {
    public static final String CREATED_PUT = "ObjectCreated:Put";
    public static final String REMOVED_DELETE = "ObjectRemoved:Delete";
    /** Records in one webhook call: bounds its fan-out together with 100 notifications per bucket. */
    static final int MAX_RECORDS = 100;
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String OWNER = "nimbus";

    private final ObjectStore store;
    private final ObjectMapper json;
    private final String region;
    private final InstantSource clock;

    /** Who made a change: {@code principalId} is {@code AWS:<access key id>}, or {@code anonymous} when unsigned. */
    public record Requester(String principalId, String sourceIp, String requestId) {
    }

    /** One invocation a change caused. */
    public record Delivery(String bucket, String key, String eventName, String notification, String function,
                           String eventId) {
    }

    /** The invocations of one change (or webhook call), to be committed together, and what they are. */
    public record Fanout(List<AsyncEvent> events, List<Delivery> deliveries) {
    }

    /** @param region the {@code awsRegion} of local records */
    public ObjectEvents(ObjectStore store, ObjectMapper json, String region, InstantSource clock) {
        this.store = store;
        this.json = json;
        this.region = region;
        this.clock = clock;
    }

    /** An object was written ({@code ObjectCreated:Put}). */
    public Fanout created(ObjectInfo o, Requester who) {
        ObjectNode object = json.createObjectNode().put("key", encodeKey(o.key())).put("size", o.size())
                .put("eTag", o.etag()).put("sequencer", o.sequencer());
        return local(o.bucket(), o.key(), CREATED_PUT, o.lastModified(), object, who);
    }

    /** An object was deleted ({@code ObjectRemoved:Delete}); S3's records of deletions carry no size or eTag. */
    public Fanout removed(String bucket, String key, String sequencer, Instant at, Requester who) {
        ObjectNode object = json.createObjectNode().put("key", encodeKey(key)).put("sequencer", sequencer);
        return local(bucket, key, REMOVED_DELETE, at, object, who);
    }

    private Fanout local(String bucket, String key, String eventName, Instant at, ObjectNode object, Requester who) {
        ObjectNode record = json.createObjectNode()
                .put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", region)
                .put("eventTime", EVENT_TIME.format(at)).put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", who.principalId());
        record.putObject("requestParameters").put("sourceIPAddress", who.sourceIp());
        record.putObject("responseElements").put("x-amz-request-id", who.requestId()).put("x-amz-id-2", who.requestId());
        ObjectNode s3 = record.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "");
        ObjectNode bucketNode = s3.putObject("bucket").put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", OWNER);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        s3.set("object", object);
        return fanOut(bucket, key, eventName, record, store.notifications(bucket));
    }

    /**
     * The invocations the records of a webhook call cause: {@code {"Records": [...]}} as S3 and
     * MinIO send it (MinIO's top-level {@code EventName} and {@code Key} are ignored, its
     * {@code s3:} prefix of event names dropped). Each record is matched by its bucket, its
     * URL-decoded key and its event name.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    public Fanout external(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("Records").isArray()) {
            throw new IllegalArgumentException("the body must be a JSON object with a \"Records\" array");
        }
        JsonNode records = body.get("Records");
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("\"Records\" must hold 1 to " + MAX_RECORDS + " records, held "
                    + records.size());
        }
        List<AsyncEvent> events = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String bucket = text(r, i, "s3", "bucket", "name");
            String key = decodeKey(text(r, i, "s3", "object", "key"), i);
            String eventName = text(r, i, "eventName");
            eventName = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
            if (!eventName.startsWith("ObjectCreated:") && !eventName.startsWith("ObjectRemoved:")) {
                continue; // other kinds (e.g. s3:ObjectAccessed:Get from MinIO) have no notifications here
            }
            ObjectNode record = ((ObjectNode) r).deepCopy().put("eventName", eventName);
            Fanout f = fanOut(bucket, key, eventName, record, store.notifications(bucket));
            events.addAll(f.events());
            deliveries.addAll(f.deliveries());
        }
        return new Fanout(events, deliveries);
    }

    private Fanout fanOut(String bucket, String key, String eventName, ObjectNode record,
                          List<BucketNotification> notifications) {
        List<AsyncEvent> events = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (BucketNotification n : notifications) {
            if (n.matches(eventName, key)) {
                ((ObjectNode) record.get("s3")).put("configurationId", n.name());
                JsonNode object = record.path("s3").path("object");
                String id = id(bucket, key, object.path("sequencer").asText(), object.path("eTag").asText(),
                        record.path("eventTime").asText(), eventName, n.name());
                ObjectNode payload = json.createObjectNode();
                payload.putArray("Records").add(record);
                events.add(AsyncEvent.accepted(id, n.function(), n.qualifier(), bytes(payload), null, null,
                        clock.instant()).withOrigin(n.origin()));
                deliveries.add(new Delivery(bucket, key, eventName, n.name(), n.function(), id));
            }
        }
        return new Fanout(events, deliveries);
    }

    private String id(String... parts) {
        return UUID.nameUUIDFromBytes(bytes(json.valueToTree(Arrays.asList(parts)))).toString();
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree serializes", e);
        }
    }

    /** As S3 writes keys in records: URL-encoded with a space as '+', '/' kept. */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String decodeKey(String encoded, int index) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Records[" + index + "].s3.object.key is not URL-encoded: "
                    + e.getMessage());
        }
    }

    private static String text(JsonNode record, int index, String... path) {
        JsonNode node = record;
        for (String field : path) {
            node = node.path(field);
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("Records[" + index + "]." + String.join(".", path)
                    + " must be a non-empty string");
        }
        return node.asText();
    }
}
