package dev.nimbus.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.object.Bucket;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.KeyOrder;
import dev.nimbus.core.object.ObjectInfo;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.object.ObjectSummary;
import dev.nimbus.core.object.ObjectWrite;
import dev.nimbus.core.object.Precondition;
import dev.nimbus.core.object.Sequencer;
import dev.nimbus.core.object.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link ObjectStore} on tables {@code buckets}, {@code objects} and {@code bucket_notifications},
 * with the bytes in {@link ObjectFiles}. Writes go through the event store's group commit, so an
 * object's row and the events its change causes are committed in one transaction
 * ({@link SqlEventStore#insert}); the file a write replaces or deletes is removed only after that
 * commit. The writer thread runs the writes one after the other, in commit order: a change's
 * sequencer, its precondition and its events are settled there, in its transaction.
 *
 * <p>Threading: thread-safe. The sequencer is drawn on the writer thread only.
 */
final class SqlObjectStore implements ObjectStore {
    private static final System.Logger LOG = System.getLogger(SqlObjectStore.class.getName());
    private static final String OBJECT_COLUMNS = "bucket, object_key, size, etag, content_type, user_metadata,"
            + " headers, last_modified, sequencer, blob";
    private static final String SUMMARY_COLUMNS = "object_key, size, etag, last_modified";
    private static final String NOTIFICATION_COLUMNS = "bucket, name, function_name, qualifier, events, prefix, suffix,"
            + " created_at, delivery";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> EVENTS = new TypeReference<>() {
    };
    /** A blob deleted between reading its row and opening it was replaced: look again, this often. */
    private static final int OPEN_TRIES = 3;

    private final SqlEventStore events;
    private final ObjectFiles files;
    private final ObjectMapper json = new ObjectMapper();
    private final Sequencer sequencer;

    /** Opens the store and removes what a crash left in {@code files}. */
    SqlObjectStore(SqlEventStore events, ObjectFiles files) {
        this.events = events;
        this.files = files;
        this.sequencer = Sequencer.after(read("SELECT MAX(sequencer) FROM objects", row -> row.getString(1))
                .getFirst());
        try {
            int removed = files.removeOrphans(this::blobsOfShard);
            if (removed > 0) {
                LOG.log(System.Logger.Level.INFO, "removed {0} object file(s) left by an interrupted write", removed);
            }
        } catch (IOException e) {
            throw new StoreException("cannot clean the object directory", e);
        }
    }

    @Override
    public boolean createBucket(Bucket bucket) {
        return events.write("create bucket " + bucket.name(), c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO buckets (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, bucket.name());
                insert.setLong(2, bucket.createdAt().toEpochMilli());
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Bucket> bucket(String name) {
        return read("SELECT name, created_at FROM buckets WHERE name = ?", SqlObjectStore::bucket, name)
                .stream().findFirst();
    }

    @Override
    public List<Bucket> buckets() {
        return read("SELECT name, created_at FROM buckets ORDER BY name", SqlObjectStore::bucket);
    }

    @Override
    public boolean deleteBucket(String name) {
        Boolean deleted = events.write("delete bucket " + name, c -> {
            if (!exists(c, "SELECT 1 FROM buckets WHERE name = ?", name)) {
                return false;
            }
            if (exists(c, "SELECT 1 FROM objects WHERE bucket = ? LIMIT 1", name)) {
                return null;
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM buckets WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            return true;
        });
        if (deleted == null) {
            throw new StorageException(StorageException.Reason.BUCKET_NOT_EMPTY,
                    "The bucket you tried to delete is not empty");
        }
        return deleted;
    }

    @Override
    public Upload stage(InputStream body, long maxBytes) throws IOException {
        return files.stage(body, maxBytes);
    }

    @Override
    public ObjectInfo put(ObjectWrite write, Upload upload, Precondition condition,
                          Function<ObjectInfo, List<AsyncEvent>> fired) {
        if (!(upload instanceof ObjectFiles.Staged staged)) {
            throw new IllegalArgumentException("the upload must be one of this store");
        }
        String metadata = toJson(write.userMetadata());
        String headers = toJson(write.headers());
        try {
            staged.publish();
        } catch (IOException e) {
            throw new StoreException("cannot store the bytes of " + write.bucket() + "/" + write.key(), e);
        }
        Outcome outcome;
        try {
            outcome = events.write("store object " + write.bucket() + "/" + write.key(), c -> {
                if (!exists(c, "SELECT 1 FROM buckets WHERE name = ?", write.bucket())) {
                    return Outcome.refused(noSuchBucket());
                }
                Optional<Current> previous = current(c, write.bucket(), write.key());
                StorageException refused = condition.refusal(previous.map(Current::etag).orElse(null));
                if (refused != null) {
                    return Outcome.refused(refused);
                }
                ObjectInfo o = write.stored(staged.size(), staged.md5Hex(), sequencer.next(write.at()));
                upsert(c, o, metadata, headers, staged.blob());
                for (AsyncEvent e : fired.apply(o)) {
                    SqlEventStore.insert(c, e);
                }
                return new Outcome(o, previous.map(Current::blob), null);
            });
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof TimeoutException)) { // rolled back; after a timeout it may still commit
                files.delete(staged.blob());
            }
            throw e;
        }
        if (outcome.refused() != null) {
            files.delete(staged.blob());
            throw outcome.refused();
        }
        outcome.replaced().ifPresent(files::delete);
        return outcome.object();
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        return read("SELECT " + OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND object_key = ?", this::object,
                bucket, key).stream().findFirst().map(Row::info);
    }

    @Override
    public Optional<Content> open(String bucket, String key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<Row> row = read("SELECT " + OBJECT_COLUMNS + " FROM objects WHERE bucket = ? AND object_key = ?",
                    this::object, bucket, key).stream().findFirst();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            try {
                FileChannel bytes = files.open(row.get().blob());
                return Optional.of(new Content(row.get().info(), bytes));
            } catch (NoSuchFileException e) {
                if (attempt == OPEN_TRIES) {
                    throw e; // replaced this often while we looked: the caller answers 500
                }
            }
        }
    }

    @Override
    public boolean delete(String bucket, String key, Instant at, Function<String, List<AsyncEvent>> fired) {
        Optional<String> deleted = events.write("delete object " + bucket + "/" + key, c -> {
            Optional<Current> current = current(c, bucket, key);
            if (current.isPresent()) {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM objects WHERE bucket = ? AND object_key = ?")) {
                    delete.setString(1, bucket);
                    delete.setString(2, key);
                    delete.executeUpdate();
                }
                for (AsyncEvent e : fired.apply(sequencer.next(at))) {
                    SqlEventStore.insert(c, e);
                }
            }
            return current.map(Current::blob);
        });
        deleted.ifPresent(files::delete);
        return deleted.isPresent();
    }

    /**
     * One range of the primary key, {@code [max(prefix, from), successor(prefix))}, read up to
     * {@code limit} rows: keys with a prefix are exactly the keys between the prefix and its
     * successor in byte order ({@link KeyOrder}), the order of SQLite's BINARY collation and of
     * PostgreSQL's "C". A prefix with a lone surrogate has no UTF-8 form, so no key starts with it.
     */
    @Override
    public List<ObjectSummary> list(String bucket, String prefix, String from, int limit) {
        if (!KeyOrder.wellFormed(prefix) || from != null && !KeyOrder.wellFormed(from)) {
            return List.of();
        }
        String start = from == null || KeyOrder.compare(from, prefix) < 0 ? prefix : from;
        String end = KeyOrder.successor(prefix);
        String select = "SELECT " + SUMMARY_COLUMNS + " FROM objects WHERE bucket = ? AND object_key >= ?";
        if (end == null) { // the empty prefix, or one of U+10FFFF only: no bound above
            return read(select + " ORDER BY object_key LIMIT ?", SqlObjectStore::summary, bucket, start, limit);
        }
        return read(select + " AND object_key < ? ORDER BY object_key LIMIT ?", SqlObjectStore::summary, bucket, start,
                end, limit);
    }

    @Override
    public void putNotification(BucketNotification n) {
        String kinds = toJson(n.events());
        events.write("store notification " + n.bucket() + "/" + n.name(), c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM bucket_notifications WHERE bucket = ? AND name = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO bucket_notifications ("
                         + NOTIFICATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, n.bucket());
                delete.setString(2, n.name());
                delete.executeUpdate();
                insert.setString(1, n.bucket());
                insert.setString(2, n.name());
                insert.setString(3, n.function());
                insert.setString(4, n.qualifier());
                insert.setString(5, kinds);
                insert.setString(6, n.prefix());
                insert.setString(7, n.suffix());
                insert.setLong(8, n.createdAt().toEpochMilli());
                insert.setString(9, DeliveryJson.write(n.delivery()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<BucketNotification> notification(String bucket, String name) {
        return read("SELECT " + NOTIFICATION_COLUMNS + " FROM bucket_notifications WHERE bucket = ? AND name = ?",
                this::notification, bucket, name).stream().findFirst();
    }

    @Override
    public List<BucketNotification> notifications(String bucket) {
        return read("SELECT " + NOTIFICATION_COLUMNS + " FROM bucket_notifications WHERE bucket = ? ORDER BY name",
                this::notification, bucket);
    }

    @Override
    public boolean deleteNotification(String bucket, String name) {
        return events.update("delete notification " + bucket + "/" + name,
                "DELETE FROM bucket_notifications WHERE bucket = ? AND name = ?", bucket, name) == 1;
    }

    @Override
    public int deleteFunction(String function) {
        return events.update("delete the bucket notifications of " + function,
                "DELETE FROM bucket_notifications WHERE function_name = ?", function);
    }

    /** A row of {@code objects}: the metadata and the name of its file. */
    private record Row(ObjectInfo info, String blob) {
    }

    /** What a write finds under its key: the object's file and etag. */
    private record Current(String blob, String etag) {
    }

    /** A write's result: the object committed and the file it replaced, or why it was not made. */
    private record Outcome(ObjectInfo object, Optional<String> replaced, StorageException refused) {
        static Outcome refused(StorageException why) {
            return new Outcome(null, Optional.empty(), why);
        }
    }

    private Set<String> blobsOfShard(String shard) {
        // every blob is 32 hex digits: those of shard "ab" sort from "ab" to just before "ac"
        String end = shard + "g";
        return new HashSet<>(read("SELECT blob FROM objects WHERE blob >= ? AND blob < ?",
                row -> row.getString(1), shard, end));
    }

    private static void upsert(Connection c, ObjectInfo o, String metadata, String headers, String blob)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO objects (" + OBJECT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, object_key) DO UPDATE SET"
                + " size = excluded.size, etag = excluded.etag, content_type = excluded.content_type,"
                + " user_metadata = excluded.user_metadata, headers = excluded.headers,"
                + " last_modified = excluded.last_modified, sequencer = excluded.sequencer, blob = excluded.blob")) {
            upsert.setString(1, o.bucket());
            upsert.setString(2, o.key());
            upsert.setLong(3, o.size());
            upsert.setString(4, o.etag());
            upsert.setString(5, o.contentType());
            upsert.setString(6, metadata);
            upsert.setString(7, headers);
            upsert.setLong(8, o.lastModified().toEpochMilli());
            upsert.setString(9, o.sequencer());
            upsert.setString(10, blob);
            upsert.executeUpdate();
        }
    }

    private static Optional<Current> current(Connection c, String bucket, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT blob, etag FROM objects WHERE bucket = ? AND object_key = ?")) {
            select.setString(1, bucket);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Current(row.getString(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, arg);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static StorageException noSuchBucket() {
        return new StorageException(StorageException.Reason.NO_SUCH_BUCKET, "The specified bucket does not exist");
    }

    private <T> List<T> read(String sql, SqlTransactions.RowReader<T> reader, Object... args) {
        return SqlTransactions.query(events.dataSource(), "read object storage", sql, reader, args);
    }

    private static Bucket bucket(ResultSet row) throws SQLException {
        return new Bucket(row.getString("name"), Instant.ofEpochMilli(row.getLong("created_at")));
    }

    private Row object(ResultSet row) throws SQLException {
        return new Row(new ObjectInfo(row.getString("bucket"), row.getString("object_key"), row.getLong("size"),
                row.getString("etag"), row.getString("content_type"), fromJson(row.getString("user_metadata"), METADATA),
                fromJson(row.getString("headers"), METADATA), Instant.ofEpochMilli(row.getLong("last_modified")),
                row.getString("sequencer")), row.getString("blob"));
    }

    private static ObjectSummary summary(ResultSet row) throws SQLException {
        return new ObjectSummary(row.getString("object_key"), row.getLong("size"), row.getString("etag"),
                Instant.ofEpochMilli(row.getLong("last_modified")));
    }

    private BucketNotification notification(ResultSet row) throws SQLException {
        return new BucketNotification(row.getString("bucket"), row.getString("name"), row.getString("function_name"),
                row.getString("qualifier"), fromJson(row.getString("events"), EVENTS), row.getString("prefix"),
                row.getString("suffix"), Instant.ofEpochMilli(row.getLong("created_at")),
                DeliveryJson.read(row.getString("delivery")));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings serialize", e);
        }
    }

    private <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored JSON column is corrupt", e);
        }
    }
}
