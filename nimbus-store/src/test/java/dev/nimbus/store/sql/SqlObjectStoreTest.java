package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Destination;
import dev.nimbus.core.object.Bucket;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.ObjectInfo;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.object.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object storage on a real SQLite file and data directory: bytes, rows and events stay consistent. */
class SqlObjectStoreTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dataDir;
    private SqlStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dataDir);
        objects = store.objects();
        objects.createBucket(new Bucket("photos", T0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ObjectInfo put(String bucket, String key, String content, AsyncEvent... events) throws IOException {
        try (ObjectStore.Upload upload = objects.stage(stream(content), 1024)) {
            var info = new ObjectInfo(bucket, key, upload.size(), upload.md5Hex(), "text/plain", Map.of("k", "v"), T0,
                    "0000000000000001");
            objects.put(info, upload, List.of(events));
            return info;
        }
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static AsyncEvent event(String id) {
        return AsyncEvent.accepted(id, "thumbnails", null, "{\"Records\":[]}".getBytes(), null, null, T0);
    }

    private String content(String bucket, String key) throws IOException {
        try (var content = objects.open(bucket, key).orElseThrow()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) content.bytes().size());
            content.bytes().read(buffer, 0);
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    private long files() throws IOException {
        try (Stream<Path> all = Files.walk(dataDir.resolve("objects"))) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anObjectAndItsEventsAreCommittedTogetherAndAReplacedFileIsRemoved() throws IOException {
        ObjectInfo first = put("photos", "a/cat.jpg", "meow", event("e1"));
        put("photos", "a/cat.jpg", "MEOW!", event("e2"));

        assertThat(first.etag()).isEqualTo("4a4be40c96ac6314e91d93f38043a634"); // md5("meow")
        assertThat(content("photos", "a/cat.jpg")).isEqualTo("MEOW!");
        assertThat(objects.head("photos", "a/cat.jpg").orElseThrow().userMetadata()).containsEntry("k", "v");
        assertThat(store.events().get("e1")).isPresent();
        assertThat(store.events().get("e2")).isPresent();
        assertThat(files()).as("the replaced bytes are gone").isEqualTo(1);
    }

    @Test
    void aPutIntoAMissingBucketStoresNeitherBytesNorEvents() throws IOException {
        assertThatThrownBy(() -> put("nowhere", "k", "x", event("e1"))).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.NO_SUCH_BUCKET));

        assertThat(store.events().get("e1")).isEmpty();
        assertThat(files()).isZero();
    }

    @Test
    void stagingBeyondTheLimitOrAnUnclosedUploadLeavesNothing() throws IOException {
        assertThatThrownBy(() -> objects.stage(stream("x".repeat(1025)), 1024)).isInstanceOfSatisfying(
                StorageException.class, e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.TOO_LARGE));
        objects.stage(stream("never put"), 1024).close();

        assertThat(files()).isZero();
    }

    @Test
    void aDeleteCommitsItsEventsOnlyWhenThereWasAnObject() throws IOException {
        put("photos", "k", "x");

        assertThat(objects.delete("photos", "k", List.of(event("removed")))).isTrue();
        assertThat(objects.delete("photos", "k", List.of(event("removed-again")))).isFalse();

        assertThat(objects.head("photos", "k")).isEmpty();
        assertThat(store.events().get("removed")).isPresent();
        assertThat(store.events().get("removed-again")).isEmpty();
        assertThat(files()).isZero();
    }

    @Test
    void onlyAnEmptyBucketIsDeleted() throws IOException {
        put("photos", "k", "x");

        assertThatThrownBy(() -> objects.deleteBucket("photos")).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.BUCKET_NOT_EMPTY));
        objects.delete("photos", "k", List.of());
        assertThat(objects.deleteBucket("photos")).isTrue();
        assertThat(objects.deleteBucket("photos")).isFalse();
        assertThat(objects.createBucket(new Bucket("photos", T0))).isTrue();
        assertThat(objects.createBucket(new Bucket("photos", T0.plusSeconds(1)))).isFalse();
        assertThat(objects.bucket("photos").orElseThrow().createdAt()).isEqualTo(T0);
    }

    @Test
    void listingsArePrefixRangesInByteOrderAfterAKey() throws IOException {
        for (String key : List.of("b", "a/2", "a/1", "a/é", "a/z", "ab", "a", "a/\uD83D\uDE00")) {
            put("photos", key, key);
        }

        assertThat(objects.list("photos", "", null, 100)).extracting(ObjectInfo::key)
                .containsExactly("a", "a/1", "a/2", "a/z", "a/é", "a/\uD83D\uDE00", "ab", "b");
        assertThat(objects.list("photos", "a/", null, 100)).extracting(ObjectInfo::key)
                .containsExactly("a/1", "a/2", "a/z", "a/é", "a/\uD83D\uDE00");
        assertThat(objects.list("photos", "a/", "a/2", 2)).extracting(ObjectInfo::key).containsExactly("a/z", "a/é");
        assertThat(objects.list("photos", "a/\uD83D", null, 10)).as("a lone surrogate matches nothing").isEmpty();
    }

    @Test
    void filesNoRowNamesAreRemovedAtTheNextStart() throws IOException {
        put("photos", "kept", "x");
        Path orphan = dataDir.resolve("objects/ab/ab" + "0".repeat(30));
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "crashed before its commit");
        Files.writeString(dataDir.resolve("objects/tmp/half.part"), "crashed while writing");
        store.close();

        store = SqlStore.sqlite(dataDir);
        objects = store.objects();

        assertThat(orphan).doesNotExist();
        assertThat(dataDir.resolve("objects/tmp/half.part")).doesNotExist();
        assertThat(content("photos", "kept")).isEqualTo("x");
    }

    @Test
    void notificationsNeedNoLocalBucketAndGoWithTheirFunction() {
        var n = new BucketNotification("external", "csv", "loader", "live", List.of("ObjectCreated:*"), "in/", ".csv", T0,
                new DeliveryConfig(0, null, null, Destination.parse("topic:failed-loads"), null));
        objects.putNotification(n);
        objects.putNotification(new BucketNotification("photos", "all", "loader", null, List.of("ObjectRemoved:*"), "",
                "", T0, null));

        assertThat(objects.notification("external", "csv")).contains(n);
        assertThat(objects.notifications("photos")).hasSize(1);
        assertThat(objects.deleteFunction("loader")).isEqualTo(2);
        assertThat(objects.notifications("external")).isEmpty();
    }
}
