package dev.nimbus.core.object;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An object about to be written: what the upload states besides its bytes. The store adds the
 * size and etag of the bytes and draws the sequencer when it commits the write ({@link ObjectStore#put}).
 *
 * @param at when it is written: its {@code lastModified}
 */
public record ObjectWrite(String bucket, String key, String contentType, Map<String, String> userMetadata,
                          Map<String, String> headers, Instant at) {
    public ObjectWrite {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
        userMetadata = Map.copyOf(userMetadata);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(at, "at");
    }

    /** The object this write stores, once its bytes and sequencer are known. */
    public ObjectInfo stored(long size, String etag, String sequencer) {
        return new ObjectInfo(bucket, key, size, etag, contentType, userMetadata, headers, at, sequencer);
    }
}
