package dev.nimbus.core.object;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a stored object besides its bytes.
 *
 * @param bucket       the bucket's name
 * @param key          the object key (UTF-8, at most 1,024 bytes)
 * @param size         length of the bytes
 * @param etag         the hex MD5 of the bytes, without quotes
 * @param contentType  the {@code Content-Type} it was uploaded with
 * @param userMetadata the {@code x-amz-meta-*} headers it was uploaded with, names lower-case without the prefix
 * @param lastModified when it was written
 * @param sequencer    increasing hex that orders the writes of one key, as in S3 event records
 */
public record ObjectInfo(String bucket, String key, long size, String etag, String contentType,
                         Map<String, String> userMetadata, Instant lastModified, String sequencer) {
    public ObjectInfo {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(contentType, "contentType");
        userMetadata = Map.copyOf(userMetadata);
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(sequencer, "sequencer");
    }
}
