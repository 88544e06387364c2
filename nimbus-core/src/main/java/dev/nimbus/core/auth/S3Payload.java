package dev.nimbus.core.auth;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the body of an S3 upload is read, from what {@code x-amz-content-sha256} declares:
 * <ul>
 *   <li>a hex SHA-256: the body as sent, which must hash to it;</li>
 *   <li>{@code UNSIGNED-PAYLOAD} (or no header, when authentication is off): the body as sent;</li>
 *   <li>{@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked, a checksum in the trailers;</li>
 *   <li>{@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}: aws-chunked with chunk signatures
 *       (checked when a {@link ChunkSigner} is given) and signed trailers.</li>
 * </ul>
 * Any {@code x-amz-checksum-*} value, as a header or a trailer, must match the decoded body, and
 * an aws-chunked body must be as long as its {@code x-amz-decoded-content-length}. Every check
 * that fails throws {@link PayloadException} from the stream, at the latest when it returns -1,
 * so a reader that stops at the first exception has read nothing it may keep.
 */
public final class S3Payload {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

    private final String declaredSha256;
    private final boolean chunked;
    private final boolean signedTrailer;
    private final ChunkSigner signer;
    private final long decodedLength;
    private final String checksumName;
    private final String checksumHeaderValue;

    private S3Payload(String declaredSha256, boolean chunked, boolean signedTrailer, ChunkSigner signer,
                      long decodedLength, String checksumName, String checksumHeaderValue) {
        this.declaredSha256 = declaredSha256;
        this.chunked = chunked;
        this.signedTrailer = signedTrailer;
        this.signer = signer;
        this.decodedLength = decodedLength;
        this.checksumName = checksumName;
        this.checksumHeaderValue = checksumHeaderValue;
    }

    /**
     * @param headers the request headers (any case)
     * @param signer  from the verifier that accepted the request ({@link S3Verdict#signer}), or
     *                null when signatures are not checked
     * @throws PayloadException if the headers declare an encoding or checksum that cannot be read
     */
    public static S3Payload of(Map<String, List<String>> headers, ChunkSigner signer) throws PayloadException {
        var h = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        String declared = first(h, "x-amz-content-sha256");
        boolean chunked = false;
        boolean signedChunks = false;
        String sha256 = null;
        if (declared == null || declared.equals(UNSIGNED)) {
            // the body as sent
        } else if (SHA256_HEX.matcher(declared).matches()) {
            sha256 = declared;
        } else if (declared.equals(STREAMING_UNSIGNED_TRAILER) || declared.equals(STREAMING_SIGNED)
                || declared.equals(STREAMING_SIGNED_TRAILER)) {
            chunked = true;
            signedChunks = !declared.equals(STREAMING_UNSIGNED_TRAILER);
        } else if (declared.startsWith("STREAMING-AWS4-ECDSA")) {
            throw PayloadException.notImplemented("Signature Version 4A (" + declared + ") is not implemented");
        } else {
            throw PayloadException.invalidArgument("x-amz-content-sha256 must be a hex SHA-256, UNSIGNED-PAYLOAD or "
                    + "one of the STREAMING- values");
        }
        long decodedLength = -1;
        if (chunked) {
            String length = first(h, "x-amz-decoded-content-length");
            try {
                decodedLength = length == null ? -1 : Long.parseLong(length);
            } catch (NumberFormatException e) {
                throw PayloadException.invalidArgument("x-amz-decoded-content-length must be a number");
            }
            if (length != null && decodedLength < 0) {
                throw PayloadException.invalidArgument("x-amz-decoded-content-length must not be negative");
            }
        }
        String checksumName = null;
        String checksumValue = null;
        String trailer = first(h, "x-amz-trailer");
        if (trailer != null) {
            if (!chunked || Checksum.forHeader(trailer.strip()) == null) {
                throw PayloadException.invalidArgument("x-amz-trailer must name an x-amz-checksum-* header "
                        + "(crc32, crc32c, crc64nvme, sha1, sha256) of an aws-chunked body");
            }
            checksumName = trailer.strip().toLowerCase(Locale.ROOT);
        } else {
            for (String name : h.keySet()) {
                if (Checksum.forHeader(name) != null) { // x-amz-checksum-type and -mode are no checksums
                    checksumName = name.toLowerCase(Locale.ROOT);
                    checksumValue = first(h, name);
                }
            }
        }
        return new S3Payload(sha256, chunked, declared != null && declared.equals(STREAMING_SIGNED_TRAILER),
                signedChunks ? signer : null, decodedLength, checksumName, checksumValue);
    }

    /** Whether the body is aws-chunked: its Content-Length is then that of the encoding, not of the object. */
    public boolean chunked() {
        return chunked;
    }

    /** The length of the object: {@code x-amz-decoded-content-length} of an aws-chunked body, else -1 (use Content-Length). */
    public long decodedLength() {
        return decodedLength;
    }

    /** The decoded body; {@code maxBytes} bounds the chunks when the decoded length is not declared. */
    public InputStream open(InputStream raw, long maxBytes) {
        InputStream body = raw;
        AwsChunkedStream chunks = null;
        if (chunked) {
            chunks = new AwsChunkedStream(new BufferedInputStream(raw, 64 * 1024), signer, signedTrailer,
                    decodedLength, maxBytes);
            body = chunks;
        }
        return new Checked(body, chunks);
    }

    /** Passes the body through, checking its SHA-256, checksum and length at the end. */
    private final class Checked extends InputStream {
        private final InputStream in;
        private final AwsChunkedStream chunks;
        private final MessageDigest sha256;
        private final Checksum checksum;
        private long read;
        private boolean verified;

        Checked(InputStream in, AwsChunkedStream chunks) {
            this.in = in;
            this.chunks = chunks;
            this.sha256 = declaredSha256 == null ? null : digest();
            this.checksum = checksumName == null ? null : Checksum.forHeader(checksumName);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                verify();
                return -1;
            }
            read += n;
            if (sha256 != null) {
                sha256.update(b, off, n);
            }
            if (checksum != null) {
                checksum.update(b, off, n);
            }
            return n;
        }

        private void verify() throws PayloadException {
            if (verified) {
                return;
            }
            verified = true;
            if (sha256 != null && !HexFormat.of().formatHex(sha256.digest()).equals(declaredSha256)) {
                throw PayloadException.sha256Mismatch();
            }
            if (decodedLength >= 0 && read < decodedLength) {
                throw PayloadException.incomplete(decodedLength, read);
            }
            if (decodedLength >= 0 && read > decodedLength) {
                throw PayloadException.longerThanDeclared(decodedLength);
            }
            if (checksum != null) {
                String expected = chunks != null && checksumHeaderValue == null
                        ? chunks.trailers().get(checksumName) : checksumHeaderValue;
                if (expected == null) {
                    throw PayloadException.malformed("the trailer " + checksumName + " announced by x-amz-trailer is missing");
                }
                if (!expected.equals(checksum.base64())) {
                    throw PayloadException.checksumMismatch(checksum.algorithm());
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
