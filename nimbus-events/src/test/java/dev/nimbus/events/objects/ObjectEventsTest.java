package dev.nimbus.events.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.ObjectInfo;
import dev.nimbus.core.object.ObjectStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S3 event records: their shape, which notifications they reach, and ids stable across resends. */
class ObjectEventsTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<BucketNotification> NOTIFICATIONS = List.of(
            new BucketNotification("photos", "jpegs", "thumbnails", "live", List.of("ObjectCreated:*"), "in/", ".jpg", T0, null),
            new BucketNotification("photos", "puts", "audit", null, List.of("ObjectCreated:Put"), "", "", T0, null),
            new BucketNotification("photos", "removals", "audit", null, List.of("ObjectRemoved:*"), "", "", T0, null));
    static final ObjectEvents.Requester WHO = new ObjectEvents.Requester("AWS:AKIDEXAMPLE", "127.0.0.1", "C3D13FE58DE4C810");

    final ObjectEvents events = new ObjectEvents(notificationsOnly(), JSON, "eu-west-3", InstantSource.fixed(T0));

    /** A store that only answers {@code notifications}, as the fan-out needs. */
    static ObjectStore notificationsOnly() {
        return notificationsOnly(NOTIFICATIONS);
    }

    static ObjectStore notificationsOnly(List<BucketNotification> notifications) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("notifications")) {
                        return notifications.stream().filter(n -> n.bucket().equals(args[0])).toList();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static JsonNode record(AsyncEvent event) throws Exception {
        JsonNode payload = JSON.readTree(event.payload());
        assertThat(payload.get("Records")).hasSize(1);
        return payload.get("Records").get(0);
    }

    @Test
    void anUploadBecomesOneRecordInS3sShapePerMatchingNotification() throws Exception {
        var object = new ObjectInfo("photos", "in/summer day/cat+1.jpg", 1305107, "b21b84d653bb07b05b1e6b33684dc11b",
                "image/jpeg", Map.of(), Map.of(), T0, "0C0F6F405D6ED209E1");
        List<BucketNotification> matching = events.notifications("photos", object.key(), ObjectEvents.CREATED_PUT);

        ObjectEvents.Fanout fanout = events.created(object, matching, WHO);

        assertThat(fanout.deliveries()).extracting(ObjectEvents.Delivery::notification).containsExactly("jpegs", "puts");
        assertThat(fanout.events()).extracting(AsyncEvent::function).containsExactly("thumbnails", "audit");
        assertThat(fanout.events().getFirst().qualifier()).isEqualTo("live");
        assertThat(fanout.events().getFirst().origin()).isEqualTo("notification:photos/jpegs");
        assertThat(record(fanout.events().getFirst())).isEqualTo(JSON.readTree("""
                {"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-3",
                 "eventTime": "2026-11-26T10:00:00.123Z", "eventName": "ObjectCreated:Put",
                 "userIdentity": {"principalId": "AWS:AKIDEXAMPLE"},
                 "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                 "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "C3D13FE58DE4C810"},
                 "s3": {"s3SchemaVersion": "1.0", "configurationId": "jpegs",
                        "bucket": {"name": "photos", "ownerIdentity": {"principalId": "nimbus"}, "arn": "arn:aws:s3:::photos"},
                        "object": {"key": "in/summer+day/cat%2B1.jpg", "size": 1305107,
                                   "eTag": "b21b84d653bb07b05b1e6b33684dc11b", "sequencer": "0C0F6F405D6ED209E1"}}}"""));
        assertThat(record(fanout.events().get(1)).path("s3").path("configurationId").asText()).isEqualTo("puts");
    }

    @Test
    void aDeletionRecordHasNoSizeOrETagAndReachesTheRemovalNotificationsOnly() throws Exception {
        ObjectEvents.Fanout fanout = events.removed("photos", "in/a.jpg", "0000000000000002", T0,
                events.notifications("photos", "in/a.jpg", ObjectEvents.REMOVED_DELETE), WHO);

        assertThat(fanout.deliveries()).extracting(ObjectEvents.Delivery::notification).containsExactly("removals");
        JsonNode record = record(fanout.events().getFirst());
        assertThat(record.get("eventName").asText()).isEqualTo("ObjectRemoved:Delete");
        assertThat(record.path("s3").path("object").fieldNames()).toIterable().containsExactly("key", "sequencer");
    }

    @Test
    void webhookRecordsAreMatchedByDecodedKeyAndResendingThemGivesTheSameIds() throws Exception {
        JsonNode body = JSON.readTree("""
                {"EventName": "s3:ObjectCreated:Put", "Key": "photos/in/a b.jpg",
                 "Records": [{"eventName": "s3:ObjectCreated:Put", "eventTime": "2026-11-26T10:00:00.000Z",
                              "s3": {"configurationId": "minio", "bucket": {"name": "photos"},
                                     "object": {"key": "in/a+b.jpg", "eTag": "e1", "sequencer": "17A"}}},
                             {"eventName": "s3:ObjectAccessed:Get", "s3": {"bucket": {"name": "photos"},
                                     "object": {"key": "in/a+b.jpg"}}}]}""");

        ObjectEvents.Fanout first = events.external(body, bucket -> true);
        ObjectEvents.Fanout again = events.external(body, bucket -> true);

        assertThat(first.deliveries()).extracting(ObjectEvents.Delivery::key).containsOnly("in/a b.jpg");
        assertThat(first.deliveries()).extracting(ObjectEvents.Delivery::notification).containsExactly("jpegs", "puts");
        assertThat(again.events()).extracting(AsyncEvent::id).isEqualTo(first.events().stream().map(AsyncEvent::id).toList());
        JsonNode record = record(first.events().getFirst());
        assertThat(record.get("eventName").asText()).as("MinIO's s3: prefix dropped").isEqualTo("ObjectCreated:Put");
        assertThat(record.path("s3").path("configurationId").asText()).isEqualTo("jpegs");
        assertThat(record.path("s3").path("object").path("key").asText()).as("the record as sent").isEqualTo("in/a+b.jpg");
    }

    @Test
    void malformedWebhookBodiesNameWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> events.external(JSON.readTree("[]"), bucket -> true)).hasMessageContaining("\"Records\" array");
        assertThatThrownBy(() -> events.external(JSON.readTree("{\"Records\": []}"), bucket -> true)).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> events.external(JSON.readTree("{\"Records\": [{\"eventName\": \"x\"}]}"), bucket -> true))
                .hasMessage("Records[0].s3.bucket.name must be a non-empty string");
        assertThatThrownBy(() -> events.external(JSON.readTree("""
                {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {"key": "%zz"}}}]}
                """), bucket -> true)).hasMessageContaining("Records[0].s3.object.key is not URL-encoded");
    }

    @Test
    void aWebhookRecordBeyond16KbIsTooLarge() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode record = body.putArray("Records").addObject().put("eventName", "ObjectCreated:Put")
                .put("padding", "x".repeat(ObjectEvents.MAX_RECORD_BYTES));
        record.putObject("s3").put("configurationId", "").putObject("bucket").put("name", "photos");
        ((ObjectNode) record.get("s3")).putObject("object").put("key", "in/a.jpg");

        assertThatThrownBy(() -> events.external(body, bucket -> true)).isInstanceOf(ObjectEvents.TooLarge.class)
                .hasMessageStartingWith("Records[0] is 16").hasMessageEndingWith("at most 16384 bytes (S3's are 1-2 KB)");
    }

    @Test
    void theEventsOfOneWebhookCallAreBoundedInBytesWhateverTheNotificationsMultiplyThemBy() throws Exception {
        List<BucketNotification> wide = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            wide.add(new BucketNotification("wide", "n" + i, "audit", null, List.of("ObjectCreated:*"), "", "", T0, null));
        }
        var fanOut = new ObjectEvents(notificationsOnly(wide), JSON, "eu-west-3", InstantSource.fixed(T0));

        assertThat(fanOut.external(records(10), bucket -> true).events()).as("10 records x 100 notifications of about 1.2 KB")
                .hasSize(1000);
        assertThatThrownBy(() -> fanOut.external(records(100), bucket -> true)).isInstanceOf(ObjectEvents.TooLarge.class)
                .hasMessageContaining("more than 8388608");
    }

    /** {@code n} records of about 1.2 KB in bucket "wide". */
    static JsonNode records(int n) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode records = body.putArray("Records");
        for (int i = 0; i < n; i++) {
            ObjectNode s3 = records.addObject().put("eventName", "ObjectCreated:Put").put("padding", "x".repeat(1000))
                    .putObject("s3");
            s3.putObject("bucket").put("name", "wide");
            s3.putObject("object").put("key", "k" + i).put("sequencer", Integer.toString(i));
        }
        return body;
    }

    @Test
    void keysAreEncodedAsS3WritesThemInRecords() {
        assertThat(ObjectEvents.encodeKey("dir/my file.txt")).isEqualTo("dir/my+file.txt");
        assertThat(ObjectEvents.encodeKey("a+b=c&d/é")).isEqualTo("a%2Bb%3Dc%26d/%C3%A9");
    }
}
