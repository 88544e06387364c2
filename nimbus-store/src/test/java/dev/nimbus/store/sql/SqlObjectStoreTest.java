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
import dev.nimbus.core.object.ObjectSummary;
import dev.nimbus.core.object.ObjectWrite;
import dev.nimbus.core.object.Precondition;
import dev.nimbus.core.object.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        return put(bucket, key, content, T0, Precondition.NONE, events);
    }

    private ObjectInfo put(String bucket, String key, String content, Instant at, Precondition condition,
                           AsyncEvent... events) throws IOException {
        try (ObjectStore.Upload upload = objects.stage(stream(content), 1024)) {
            var write = new ObjectWrite(bucket, key, "text/plain", Map.of("k", "v"),
                    Map.of("cache-control", "max-age=60"), at);
            return objects.put(write, upload, condition, o -> List.of(events));
        }
    }

    private boolean delete(String bucket, String key, AsyncEvent... events) {
        return objects.delete(bucket, key, T0, sequencer -> List.of(events));
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
        ObjectInfo stored = objects.head("photos", "a/cat.jpg").orElseThrow();
        assertThat(stored.userMetadata()).containsEntry("k", "v");
        assertThat(stored.headers()).isEqualTo(Map.of("cache-control", "max-age=60"));
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

        assertThat(delete("photos", "k", event("removed"))).isTrue();
        assertThat(delete("photos", "k", event("removed-again"))).isFalse();

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
        delete("photos", "k");
        assertThat(objects.deleteBucket("photos")).isTrue();
        assertThat(objects.deleteBucket("photos")).isFalse();
        assertThat(objects.createBucket(new Bucket("photos", T0))).isTrue();
        assertThat(objects.createBucket(new Bucket("photos", T0.plusSeconds(1)))).isFalse();
        assertThat(objects.bucket("photos").orElseThrow().createdAt()).isEqualTo(T0);
    }

    @Test
    void listingsArePrefixRangesInByteOrderFromAKey() throws IOException {
        for (String key : List.of("b", "a/2", "a/1", "a/é", "a/z", "ab", "a", "a/\uD83D\uDE00", "a/\uFFFD")) {
            put("photos", key, key);
        }

        assertThat(objects.list("photos", "", null, 100)).extracting(ObjectSummary::key)
                .containsExactly("a", "a/1", "a/2", "a/z", "a/é", "a/\uFFFD", "a/\uD83D\uDE00", "ab", "b");
        assertThat(objects.list("photos", "a/", null, 100)).extracting(ObjectSummary::key)
                .containsExactly("a/1", "a/2", "a/z", "a/é", "a/\uFFFD", "a/\uD83D\uDE00");
        assertThat(objects.list("photos", "a/", "a/2", 2)).extracting(ObjectSummary::key).containsExactly("a/2", "a/z");
        assertThat(objects.list("photos", "a/", "a0", 10)).as("from past the prefix").isEmpty();
        assertThat(objects.list("photos", "a/\uFFFD", null, 10)).extracting(ObjectSummary::key)
                .as("U+1F600 sorts after U+FFFD but does not start with it").containsExactly("a/\uFFFD");
        assertThat(objects.list("photos", "a/\uD83D", null, 10)).as("a lone surrogate matches nothing").isEmpty();
        ObjectSummary first = objects.list("photos", "a/1", null, 1).getFirst();
        assertThat(first).isEqualTo(new ObjectSummary("a/1", 3, first.etag(), T0));
    }

    @Test
    void aPrefixEndingInTheGreatestCodePointIsBoundedByTheNextOne() throws IOException {
        String max = "\uDBFF\uDFFF";
        for (String key : List.of("a" + max, "a" + max + max + "z", "a" + max + "\uD83D\uDE00", "b", "\uD7FF1",
                "\uE000")) {
            put("photos", key, "x");
        }

        assertThat(objects.list("photos", "a" + max, null, 10)).extracting(ObjectSummary::key)
                .containsExactly("a" + max, "a" + max + "\uD83D\uDE00", "a" + max + max + "z");
        assertThat(objects.list("photos", max, null, 10)).isEmpty();
        assertThat(objects.list("photos", "\uD7FF", null, 10)).extracting(ObjectSummary::key).containsExactly("\uD7FF1");
    }

    @Test
    void sequencersIncreaseInCommitOrderAndEventsCarryTheOneCommitted() throws Exception {
        int writers = 8;
        var start = new CountDownLatch(1);
        Map<String, String> fired = new ConcurrentHashMap<>(); // sequencer -> etag, as the events saw them
        List<Future<ObjectInfo>> puts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                String content = "version " + i;
                puts.add(pool.submit(() -> {
                    try (ObjectStore.Upload upload = objects.stage(stream(content), 1024)) {
                        start.await();
                        return objects.put(new ObjectWrite("photos", "k", "text/plain", Map.of(), Map.of(), T0), upload,
                                Precondition.NONE, o -> {
                                    fired.put(o.sequencer(), o.etag());
                                    return List.of();
                                });
                    }
                }));
            }
            start.countDown();
        }
        List<ObjectInfo> committed = new ArrayList<>();
        for (Future<ObjectInfo> put : puts) {
            committed.add(put.get());
        }

        ObjectInfo last = committed.stream().max(Comparator.comparing(ObjectInfo::sequencer)).orElseThrow();
        assertThat(objects.head("photos", "k").orElseThrow()).as("the write committed last has the greatest sequencer")
                .isEqualTo(last);
        assertThat(committed).extracting(ObjectInfo::sequencer).doesNotHaveDuplicates();
        committed.forEach(o -> assertThat(fired).containsEntry(o.sequencer(), o.etag()));
    }

    @Test
    void sequencersKeepIncreasingAcrossARestartEvenWithTheClockSetBack() throws IOException {
        String before = put("photos", "k", "x").sequencer();
        store.close();
        store = SqlStore.sqlite(dataDir);
        objects = store.objects();

        String after = put("photos", "k", "y", T0.minusSeconds(3600), Precondition.NONE).sequencer();
        List<String> deletion = new ArrayList<>();
        objects.delete("photos", "k", T0.minusSeconds(7200), sequencer -> {
            deletion.add(sequencer);
            return List.of();
        });

        assertThat(after).isGreaterThan(before);
        assertThat(deletion).singleElement().satisfies(s -> assertThat(s).isGreaterThan(after));
    }

    @Test
    void conditionalWritesAreCheckedInTheirTransactionAndARefusedOneLeavesNothing() throws Exception {
        Precondition onlyNew = new Precondition(List.of(), true);
        ObjectInfo first = put("photos", "once", "first", T0, onlyNew, event("e1"));

        assertThatThrownBy(() -> put("photos", "once", "second", T0, onlyNew, event("e2")))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.PRECONDITION_FAILED);
                    assertThat(e.getMessage()).isEqualTo("If-None-Match");
                });
        assertThatThrownBy(() -> put("photos", "once", "third", T0, new Precondition(List.of("0".repeat(32)), false)))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.PRECONDITION_FAILED));
        assertThatThrownBy(() -> put("photos", "never", "x", T0, new Precondition(List.of("*"), false)))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.NO_SUCH_KEY));
        put("photos", "once", "fourth", T0, new Precondition(List.of(first.etag()), false));

        assertThat(content("photos", "once")).isEqualTo("fourth");
        assertThat(store.events().get("e2")).isEmpty();
        assertThat(files()).as("refused bytes are gone").isEqualTo(1);
    }

    @Test
    void ofWritersRacingToCreateAKeyExactlyOneSucceeds() throws Exception {
        int writers = 8;
        var start = new CountDownLatch(1);
        List<Future<Boolean>> puts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                String content = "writer " + i;
                puts.add(pool.submit(() -> {
                    try (ObjectStore.Upload upload = objects.stage(stream(content), 1024)) {
                        start.await();
                        objects.put(new ObjectWrite("photos", "lock", "text/plain", Map.of(), Map.of(), T0), upload,
                                new Precondition(List.of(), true), o -> List.of());
                        return true;
                    } catch (StorageException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
        }
        int won = 0;
        for (Future<Boolean> put : puts) {
            won += put.get() ? 1 : 0;
        }

        assertThat(won).isEqualTo(1);
        assertThat(files()).isEqualTo(1);
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
