package dev.nimbus.core.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an aws-chunked body as AWS SDKs send S3 uploads:
 * <pre>
 * 10000;chunk-signature=ad80c730...\r\n    (hex size; the signature only when signed)
 * &lt;65536 bytes&gt;\r\n
 * 0;chunk-signature=b6c6ea8a...\r\n        (the last chunk is empty)
 * x-amz-checksum-crc32:sOO8/Q==\r\n          (trailers, when x-amz-trailer announced them)
 * x-amz-trailer-signature:63bddb24...\r\n  (when signed)
 * \r\n
 * </pre>
 * With a {@link ChunkSigner} every chunk's and the trailers' signatures are checked, each when
 * its chunk ends (before the bytes after it are read); without one they are ignored. A mismatch,
 * a malformed line or a body cut short throws {@link PayloadException}: the reader must discard
 * what it read. Lines are bounded (8 KB) and so is a chunk's declared size (the decoded length).
 *
 * <p>Threading: not thread-safe, like any stream.
 */
final class AwsChunkedStream extends InputStream {
    private static final int MAX_LINE = 8192;
    private static final int MAX_TRAILERS = 16;
    private static final String SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final ChunkSigner signer;
    private final boolean signedTrailer;
    private final long maxChunk;
    private final MessageDigest chunkDigest;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String previous;
    private String chunkSignature;
    private long remaining;
    private boolean done;

    /**
     * @param signer        checks signatures, or null to ignore them
     * @param signedTrailer whether the trailers carry {@code x-amz-trailer-signature} (checked with {@code signer})
     * @param maxChunk      the largest chunk accepted: the declared decoded length, or a limit
     */
    AwsChunkedStream(InputStream in, ChunkSigner signer, boolean signedTrailer, long maxChunk) {
        this.in = in;
        this.signer = signer;
        this.signedTrailer = signedTrailer;
        this.maxChunk = maxChunk;
        this.previous = signer == null ? null : signer.seed();
        this.chunkDigest = signer == null ? null : sha256();
    }

    /** The trailing headers, names lower-case; complete once the stream returned -1. */
    Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (remaining == 0) {
            if (done) {
                return -1;
            }
            nextChunk();
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw PayloadException.malformed("the body ended inside a chunk");
        }
        remaining -= n;
        if (chunkDigest != null) {
            chunkDigest.update(b, off, n);
        }
        if (remaining == 0) {
            if (!readLine().isEmpty()) {
                throw PayloadException.malformed("a chunk is longer than its declared size");
            }
            verifyChunk();
        }
        return n;
    }

    /** Reads a chunk header; the empty last chunk is verified and followed by the trailers. */
    private void nextChunk() throws IOException {
        String header = readLine();
        int semicolon = header.indexOf(';');
        String size = semicolon < 0 ? header : header.substring(0, semicolon);
        if (size.isEmpty() || size.length() > 16 || !size.chars().allMatch(HexFormat::isHexDigit)) {
            throw PayloadException.malformed("a chunk header must start with the chunk's size in hex");
        }
        long length = Long.parseUnsignedLong(size, 16);
        if (length < 0 || length > maxChunk) {
            throw PayloadException.malformed("a chunk of " + Long.toUnsignedString(length) + " bytes is larger than the body");
        }
        chunkSignature = null;
        if (semicolon >= 0) {
            for (String extension : header.substring(semicolon + 1).split(";")) {
                if (extension.startsWith(SIGNATURE)) {
                    chunkSignature = extension.substring(SIGNATURE.length());
                }
            }
        }
        if (signer != null && chunkSignature == null) {
            throw PayloadException.malformed("a chunk of a signed body has no chunk-signature");
        }
        remaining = length;
        if (length == 0) {
            verifyChunk();
            readTrailers();
            done = true;
        }
    }

    private void verifyChunk() throws PayloadException {
        if (signer == null) {
            return;
        }
        String expected = signer.chunk(previous, HexFormat.of().formatHex(chunkDigest.digest()));
        if (!ChunkSigner.same(expected, chunkSignature)) {
            throw PayloadException.chunkSignatureMismatch();
        }
        previous = expected;
    }

    private void readTrailers() throws IOException {
        String signature = null;
        var canonical = new StringBuilder();
        for (String line; !(line = readLine()).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon <= 0 || trailers.size() >= MAX_TRAILERS) {
                throw PayloadException.malformed("a trailer must be name:value, at most " + MAX_TRAILERS + " of them");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                signature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signer != null && signedTrailer) {
            if (signature == null) {
                throw PayloadException.malformed("the trailers of a signed body have no x-amz-trailer-signature");
            }
            if (!ChunkSigner.same(signer.trailer(previous, canonical.toString()), signature)) {
                throw PayloadException.chunkSignatureMismatch();
            }
        }
    }

    /** A line without its CRLF; the body ending first, or a line beyond 8 KB, is malformed. */
    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream(64);
        for (int c; ; ) {
            c = in.read();
            if (c < 0) {
                throw PayloadException.malformed("the body ended before its last chunk");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw PayloadException.malformed("a line must end with CRLF");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw PayloadException.malformed("a line is longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
