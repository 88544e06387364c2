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
 * Local changes are {@link #created} and {@link #removed}, made inside the change's transaction
 * once its sequencer is drawn, for the {@link #notifications} read before it; {@link #external}
 * takes the records an external store (S3, MinIO) sent to the webhook.
 *
 * <p>Event ids are derived from the bucket, the key, the sequencer, the eTag, the event time and
 * name and the notification, so the same record fans out to the same ids: a resent webhook
 * delivers nothing twice (while the events are kept). Local sequencers are unique per change, and
 * so are the ids of its events.
 *
 * <p>The webhook is not authenticated, so what one call may cost is bounded: at most 100 records
 * of at most 16 KB of JSON each (S3's are 1-2 KB), fanned out to at most 8 MB of events. A record
 * matching a bucket's 100 notifications is copied into 100 events; without the bounds, 1 MB of
 * records could become 100 MB in one transaction.
 *
 * <p>Threading: thread-safe.
 */
public final class ObjectEvents {
    public static final String CREATED_PUT = "ObjectCreated:Put";
    public static final String REMOVED_DELETE = "ObjectRemoved:Delete";
    /** Records in one webhook call: bounds its fan-out together with 100 notifications per bucket. */
    static final int MAX_RECORDS = 100;
    /** The JSON of one webhook record. */
    static final int MAX_RECORD_BYTES = 16 * 1024;
    /** The payloads of the events one webhook call causes, together. */
    static final int MAX_FANOUT_BYTES = 8 * 1024 * 1024;
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

    /** A webhook call whose records, or the events they cause, exceed a bound; the message says which. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** @param region the {@code awsRegion} of local records */
    public ObjectEvents(ObjectStore store, ObjectMapper json, String region, InstantSource clock) {
        this.store = store;
        this.json = json;
        this.region = region;
        this.clock = clock;
    }

    /**
     * The notifications of {@code bucket} that a change named {@code eventName} of {@code key}
     * invokes, read from the store: call it before the change's transaction, not inside it.
     */
    public List<BucketNotification> notifications(String bucket, String key, String eventName) {
        return store.notifications(bucket).stream().filter(n -> n.matches(eventName, key)).toList();
    }

    /** An object was written ({@code ObjectCreated:Put}): one event per matching notification. */
    public Fanout created(ObjectInfo o, List<BucketNotification> notifications, Requester who) {
        ObjectNode object = json.createObjectNode().put("key", encodeKey(o.key())).put("size", o.size())
                .put("eTag", o.etag()).put("sequencer", o.sequencer());
        return local(o.bucket(), o.key(), CREATED_PUT, o.lastModified(), object, who, notifications);
    }

    /** An object was deleted ({@code ObjectRemoved:Delete}); S3's records of deletions carry no size or eTag. */
    public Fanout removed(String bucket, String key, String sequencer, Instant at, List<BucketNotification> notifications,
                          Requester who) {
        ObjectNode object = json.createObjectNode().put("key", encodeKey(key)).put("sequencer", sequencer);
        return local(bucket, key, REMOVED_DELETE, at, object, who, notifications);
    }

    private Fanout local(String bucket, String key, String eventName, Instant at, ObjectNode object, Requester who,
                         List<BucketNotification> notifications) {
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
        return fanOut(bucket, key, eventName, record, notifications);
    }

    /**
     * The invocations the records of a webhook call cause: {@code {"Records": [...]}} as S3 and
     * MinIO send it (MinIO's top-level {@code EventName} and {@code Key} are ignored, its
     * {@code s3:} prefix of event names dropped). Each record is matched by its bucket, its
     * URL-decoded key and its event name.
     *
     * @throws IllegalArgumentException naming what is malformed
     * @throws TooLarge                 beyond 16 KB of JSON in a record or 8 MB of events in all
     */
    public Fanout external(JsonNode body, java.util.function.Predicate<String> bucketVisible) {
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
        long fannedOut = 0;
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
            int size = bytes(record).length;
            if (size > MAX_RECORD_BYTES) {
                throw new TooLarge("Records[" + i + "] is " + size + " bytes of JSON; a record may be at most "
                        + MAX_RECORD_BYTES + " bytes (S3's are 1-2 KB)");
            }
            if (!bucketVisible.test(bucket)) {
                continue; // another namespace's bucket: as for an unknown one, no notification applies
            }
            Fanout f = fanOut(bucket, key, eventName, record, store.notifications(bucket));
            for (AsyncEvent e : f.events()) {
                fannedOut += e.payload().length;
            }
            if (fannedOut > MAX_FANOUT_BYTES) {
                throw new TooLarge("Records[0.." + i + "] fan out to " + fannedOut + " bytes of events for their "
                        + "notifications, more than " + MAX_FANOUT_BYTES + "; send fewer records per call");
            }
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
