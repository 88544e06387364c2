package dev.nimbus.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Recomputes the signatures of an aws-chunked body ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}
 * and {@code ...-TRAILER}): each chunk's signature chains from the previous one, starting with
 * the request's own signature (the seed), so no chunk can be dropped, reordered or changed:
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD          AWS4-HMAC-SHA256-TRAILER
 * 20130524T000000Z                  20130524T000000Z
 * 20130524/us-east-1/s3/aws4_request 20130524/us-east-1/s3/aws4_request
 * previous signature                previous signature
 * hex(sha256(""))                   hex(sha256("x-amz-checksum-crc32:sOO8/Q==\n"))
 * hex(sha256(chunk data))
 * </pre>
 *
 * <p>Threading: immutable.
 */
public final class ChunkSigner {
    private static final String EMPTY_SHA256 = Signing.sha256Hex(new byte[0]);

    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private final String seed;

    ChunkSigner(byte[] signingKey, String amzDate, String scope, String seed) {
        this.signingKey = signingKey.clone();
        this.amzDate = amzDate;
        this.scope = scope;
        this.seed = seed;
    }

    String seed() {
        return seed;
    }

    String chunk(String previous, String dataSha256Hex) {
        return Signing.hmacHex(signingKey, "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + EMPTY_SHA256 + "\n" + dataSha256Hex);
    }

    String trailer(String previous, String canonicalTrailers) {
        return Signing.hmacHex(signingKey, "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + Signing.sha256Hex(canonicalTrailers.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of hex signatures. */
    static boolean same(String expected, String sent) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }
}
