package dev.nimbus.core.object;

import dev.nimbus.core.event.AsyncEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Buckets, objects and bucket notifications. An object's bytes are written first, aside
 * ({@link #stage}); {@link #put} then makes them the object's and commits the object's metadata
 * together with the asynchronous events its change causes, in one transaction: an acknowledged
 * write never loses its events, and a failed one leaves neither bytes nor events behind.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface ObjectStore {

    /** False if the bucket existed already (it is left as it was). */
    boolean createBucket(Bucket bucket);

    Optional<Bucket> bucket(String name);

    /** Every bucket, by name. */
    List<Bucket> buckets();

    /**
     * Deletes an empty bucket; false if there was no such bucket. Its notifications stay: they
     * may serve an external bucket of the same name.
     *
     * @throws StorageException {@link StorageException.Reason#BUCKET_NOT_EMPTY} if it holds objects
     */
    boolean deleteBucket(String name);

    /**
     * Writes {@code body} aside, durably, counting its size and MD5; nothing is visible until
     * {@link #put}. Closing the upload without putting it deletes the bytes.
     *
     * @throws StorageException {@link StorageException.Reason#TOO_LARGE} beyond {@code maxBytes}
     * @throws IOException      if {@code body} fails (the bytes written so far are deleted)
     */
    Upload stage(InputStream body, long maxBytes) throws IOException;

    /**
     * Makes {@code upload} the bytes of the object {@code write} describes, replacing any object of
     * that key, if {@code condition} holds for the object it replaces; and commits it with the
     * events it causes, all or nothing. The object's sequencer is drawn in that transaction, so
     * sequencers increase in commit order ({@link Sequencer}); {@code events} makes the events from
     * the object as committed, sequencer included. It runs inside the transaction (possibly more than
     * once, if a group commit is retried): it must be quick and must not use the store.
     *
     * @return the object as committed
     * @throws StorageException {@link StorageException.Reason#NO_SUCH_BUCKET} if the bucket does not
     *                          exist, or the condition's refusal ({@link Precondition#refusal})
     */
    ObjectInfo put(ObjectWrite write, Upload upload, Precondition condition,
                   Function<ObjectInfo, List<AsyncEvent>> events);

    /** The object without its bytes: what a conditional write is checked against before its body is read. */
    Optional<ObjectInfo> head(String bucket, String key);

    /** The object with its bytes opened for reading; the caller closes it. */
    Optional<Content> open(String bucket, String key) throws IOException;

    /**
     * Deletes the object and commits the events of its deletion with it, all or nothing; false (and
     * no events) if there was none. The deletion's sequencer, for a change at {@code at}, is drawn in
     * that transaction and given to {@code events}, which runs as in {@link #put}.
     */
    boolean delete(String bucket, String key, Instant at, Function<String, List<AsyncEvent>> events);

    /**
     * Up to {@code limit} objects of {@code bucket} whose keys start with {@code prefix} and sort
     * at or after {@code from} (null: from the first), in UTF-8 byte order of the keys
     * ({@link KeyOrder}). Only those rows are read.
     */
    List<ObjectSummary> list(String bucket, String prefix, String from, int limit);

    /** Creates or replaces the notification; its bucket need not exist. */
    void putNotification(BucketNotification notification);

    Optional<BucketNotification> notification(String bucket, String name);

    List<BucketNotification> notifications(String bucket);

    boolean deleteNotification(String bucket, String name);

    /** Deletes the notifications that invoke a deleted function; returns how many. */
    int deleteFunction(String function);

    /** Bytes written aside by {@link #stage}. */
    interface Upload extends AutoCloseable {
        long size();

        /** The lower-case hex MD5 of the bytes. */
        String md5Hex();

        /** Deletes the bytes unless they were put. */
        @Override
        void close();
    }

    /** A stored object and its bytes, open until closed. */
    record Content(ObjectInfo info, FileChannel bytes) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            bytes.close();
        }
    }
}
