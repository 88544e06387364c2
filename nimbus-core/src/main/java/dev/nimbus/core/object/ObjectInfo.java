package dev.nimbus.core.object;

import java.time.Instant;
import java.util.List;
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
 * @param headers      the {@link #STORED_HEADERS} it was uploaded with, which GetObject returns; names lower-case
 * @param lastModified when it was written
 * @param sequencer    increasing hex that orders the writes of one key, as in S3 event records ({@link Sequencer})
 */
public record ObjectInfo(String bucket, String key, long size, String etag, String contentType,
                         Map<String, String> userMetadata, Map<String, String> headers, Instant lastModified,
                         String sequencer) {
    /** The headers of a PutObject kept with the object and sent back by GetObject and HeadObject, as S3 does. */
    public static final List<String> STORED_HEADERS = List.of("cache-control", "content-disposition",
            "content-language", "expires");

    public ObjectInfo {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(contentType, "contentType");
        userMetadata = Map.copyOf(userMetadata);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(sequencer, "sequencer");
    }
}
