package dev.nimbus.events.s3;

import dev.nimbus.core.auth.S3Payload;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.object.ObjectInfo;
import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.object.ObjectWrite;
import dev.nimbus.core.object.Precondition;
import dev.nimbus.core.object.StorageException;
import dev.nimbus.events.objects.ObjectEvents;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * PutObject, GetObject, HeadObject and DeleteObject. An upload streams to a file aside (never held
 * in memory), checked on the way (size, SHA-256, chunk signatures, checksums) and against its
 * {@code Content-MD5}; only then are the object and its events committed, together, in the
 * transaction that also draws its sequencer and checks its If-Match / If-None-Match. A write whose
 * condition already fails is refused before its body is read.
 *
 * <p>Threading: called on request threads; immutable.
 */
final class ObjectHandlers {
    static final String META = "x-amz-meta-";
    /** S3's limit for user metadata: names and values of the x-amz-meta-* headers together. */
    static final int MAX_METADATA = 2048;
    /** The stored headers together ({@link ObjectInfo#STORED_HEADERS}); S3 bounds a PUT's headers at 8 KB. */
    static final int MAX_STORED_HEADERS = 8192;
    private static final String DEFAULT_TYPE = "binary/octet-stream";

    private final ObjectStore store;
    private final ObjectEvents events;
    private final long maxObjectBytes;
    private final InstantSource clock;
    private final Runnable committed;

    ObjectHandlers(ObjectStore store, ObjectEvents events, long maxObjectBytes, InstantSource clock, Runnable committed) {
        this.store = store;
        this.events = events;
        this.maxObjectBytes = maxObjectBytes;
        this.clock = clock;
        this.committed = committed;
    }

    long maxObjectBytes() {
        return maxObjectBytes;
    }

    Instant now() {
        return clock.instant();
    }

    void put(S3Api.Call call, ServerResponse res) throws IOException {
        if (call.headers().containsKey("x-amz-copy-source")) {
            throw S3Error.notImplemented("CopyObject");
        }
        if (store.bucket(call.bucket()).isEmpty()) {
            throw S3Error.noSuchBucket();
        }
        Precondition condition = Conditions.write(call.headers());
        refuseEarly(call, condition);
        S3Payload payload = S3Payload.of(call.headers(), call.signer());
        long declared = payload.chunked() ? payload.decodedLength() : call.req().headers().contentLength().orElse(-1);
        if (declared > maxObjectBytes) {
            throw S3Error.entityTooLarge(maxObjectBytes);
        }
        String md5 = contentMd5(first(call, "content-md5"));
        Map<String, String> metadata = userMetadata(call.headers());
        Map<String, String> headers = storedHeaders(call.headers());
        String type = Optional.ofNullable(first(call, "content-type")).orElse(DEFAULT_TYPE);
        try (InputStream body = payload.open(call.req().content().inputStream(), maxObjectBytes);
             ObjectStore.Upload upload = store.stage(body, maxObjectBytes)) {
            if (md5 != null && !md5.equals(upload.md5Hex())) {
                throw S3Error.badDigest();
            }
            var write = new ObjectWrite(call.bucket(), call.key(), type, metadata, headers, clock.instant());
            List<BucketNotification> notified = events.notifications(call.bucket(), call.key(), ObjectEvents.CREATED_PUT);
            ObjectInfo stored = store.put(write, upload, condition,
                    object -> events.created(object, notified, call.who()).events());
            if (!notified.isEmpty()) {
                committed.run();
            }
            res.header(HeaderNames.ETAG, "\"" + stored.etag() + "\"");
            res.send();
        }
    }

    /** A write whose condition fails already is refused before its body is read; its transaction checks again. */
    private void refuseEarly(S3Api.Call call, Precondition condition) {
        if (condition.equals(Precondition.NONE)) {
            return;
        }
        StorageException refused = condition.refusal(store.head(call.bucket(), call.key()).map(ObjectInfo::etag)
                .orElse(null));
        if (refused != null) {
            throw refused;
        }
    }

    void get(S3Api.Call call, ServerResponse res) throws IOException {
        boolean head = call.method().equals("HEAD");
        Optional<ObjectStore.Content> found = store.open(call.bucket(), call.key());
        if (found.isEmpty()) {
            throw store.bucket(call.bucket()).isEmpty() ? S3Error.noSuchBucket() : S3Error.noSuchKey();
        }
        try (ObjectStore.Content content = found.get()) {
            ObjectInfo o = content.info();
            boolean modified = Conditions.modified(call.headers(), o.etag(), o.lastModified());
            res.header(HeaderNames.ETAG, "\"" + o.etag() + "\"");
            res.header(HeaderNames.LAST_MODIFIED, HttpDates.format(o.lastModified()));
            if (!modified) {
                res.status(304).send();
                return;
            }
            long[] range = ByteRange.parse(first(call, "range"), o.size());
            long start = range == null ? 0 : range[0];
            long length = range == null ? o.size() : range[1] - range[0] + 1;
            res.header(HeaderNames.CONTENT_TYPE, o.contentType());
            res.header(HeaderNames.ACCEPT_RANGES, "bytes");
            o.headers().forEach((name, value) -> res.header(name, value));
            o.userMetadata().forEach((name, value) -> res.header(META + name, value));
            if (range != null) {
                res.status(206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + range[0] + "-" + range[1] + "/" + o.size());
            }
            res.header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
            if (head) {
                res.send();
                return;
            }
            content.bytes().position(start);
            InputStream in = Channels.newInputStream(content.bytes());
            try (OutputStream out = res.outputStream()) {
                copy(in, out, length);
            }
        }
    }

    void delete(S3Api.Call call, ServerResponse res) {
        if (store.bucket(call.bucket()).isEmpty()) {
            throw S3Error.noSuchBucket();
        }
        Instant at = clock.instant();
        List<BucketNotification> notified = events.notifications(call.bucket(), call.key(), ObjectEvents.REMOVED_DELETE);
        boolean deleted = store.delete(call.bucket(), call.key(), at,
                sequencer -> events.removed(call.bucket(), call.key(), sequencer, at, notified, call.who()).events());
        if (deleted && !notified.isEmpty()) {
            committed.run();
        }
        res.status(204).send();
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (long left = length; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the object's file is shorter than its metadata says");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** The hex MD5 a {@code Content-MD5} header declares, or null without one. */
    private static String contentMd5(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.strip());
            if (md5.length == 16) {
                return HexFormat.of().formatHex(md5);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw S3Error.invalidDigest();
    }

    private static Map<String, String> userMetadata(Map<String, List<String>> headers) {
        Map<String, String> metadata = new TreeMap<>();
        int size = 0;
        for (var h : headers.entrySet()) {
            if (h.getKey().startsWith(META) && h.getKey().length() > META.length()) {
                String name = h.getKey().substring(META.length());
                String value = String.join(",", h.getValue());
                metadata.put(name, value);
                size += name.length() + value.length();
            }
        }
        if (size > MAX_METADATA) {
            throw S3Error.metadataTooLarge(MAX_METADATA);
        }
        return metadata;
    }

    /** The headers kept with the object ({@link ObjectInfo#STORED_HEADERS}), names lower-case. */
    private static Map<String, String> storedHeaders(Map<String, List<String>> headers) {
        Map<String, String> stored = new TreeMap<>();
        int size = 0;
        for (String name : ObjectInfo.STORED_HEADERS) {
            List<String> values = headers.get(name);
            if (values != null && !values.isEmpty()) {
                String value = String.join(",", values);
                stored.put(name, value);
                size += name.length() + value.length();
            }
        }
        if (size > MAX_STORED_HEADERS) {
            throw S3Error.headersTooLarge(MAX_STORED_HEADERS);
        }
        return stored;
    }

    private static String first(S3Api.Call call, String header) {
        List<String> values = call.headers().get(header);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
