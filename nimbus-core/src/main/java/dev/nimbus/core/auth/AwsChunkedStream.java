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
 * what it read.
 *
 * <p>Everything read is bounded by the decoded length: the chunks may hold at most the declared
 * {@code x-amz-decoded-content-length} (or the size limit, when none is declared); a line is at
 * most 8 KB; the trailers are at most 16 lines and 16 KB, each name once; and the framing around
 * the data (chunk headers, CRLFs, trailers) may grow by 1 byte per 16 decoded bytes beyond a
 * fixed 64 KB. The SDKs send 64 or 128 KB chunks with headers of about 90 bytes, well inside
 * (0.07%); a body of 1-byte chunks with 8 KB headers is refused after about 8 of them, not after
 * reading gigabytes of headers for a few bytes of data.
 *
 * <p>Threading: not thread-safe, like any stream.
 */
final class AwsChunkedStream extends InputStream {
    private static final int MAX_LINE = 8192;
    private static final int MAX_TRAILERS = 16;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;
    /** Framing allowed whatever the length: the last chunk and the trailers (16 KB) with room to spare. */
    private static final long FRAMING_BASE = 64 * 1024;
    /** Framing allowed per decoded byte beyond the base, as a divisor: 1 byte per 16. */
    private static final int FRAMING_PER_BYTE = 16;
    private static final String SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final ChunkSigner signer;
    private final boolean signedTrailer;
    private final long declaredLength;
    private final long maxBytes;
    private final MessageDigest chunkDigest;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String previous;
    private String chunkSignature;
    private long remaining;
    private long decoded;
    private long framing;
    private boolean done;

    /**
     * @param signer         checks signatures, or null to ignore them
     * @param signedTrailer  whether the trailers carry {@code x-amz-trailer-signature} (checked with {@code signer})
     * @param declaredLength {@code x-amz-decoded-content-length}, or -1 when not declared
     * @param maxBytes       the largest object accepted, which bounds the chunks when no length is declared
     */
    AwsChunkedStream(InputStream in, ChunkSigner signer, boolean signedTrailer, long declaredLength, long maxBytes) {
        this.in = in;
        this.signer = signer;
        this.signedTrailer = signedTrailer;
        this.declaredLength = declaredLength;
        this.maxBytes = maxBytes;
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
        decoded += n;
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
        if (declaredLength >= 0 && (length < 0 || length > declaredLength - decoded)) {
            throw PayloadException.longerThanDeclared(declaredLength);
        }
        if (declaredLength < 0 && (length < 0 || length > maxBytes - decoded)) {
            throw PayloadException.tooLarge(maxBytes);
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

    /** Every line counts towards the bounds, the signature's too; a name given twice is malformed. */
    private void readTrailers() throws IOException {
        String signature = null;
        var canonical = new StringBuilder();
        int lines = 0;
        long start = framing;
        for (String line; !(line = readLine()).isEmpty(); ) {
            lines++;
            int colon = line.indexOf(':');
            if (colon <= 0 || lines > MAX_TRAILERS || framing - start > MAX_TRAILER_BYTES) {
                throw PayloadException.malformed("the trailers must be name:value lines, at most " + MAX_TRAILERS
                        + " of them and " + MAX_TRAILER_BYTES + " bytes together");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (trailers.containsKey(name) || name.equals(TRAILER_SIGNATURE) && signature != null) {
                throw PayloadException.repeatedTrailer(name);
            }
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

    /**
     * A line without its CRLF; the body ending first, a line beyond 8 KB, or framing beyond its
     * bound is malformed. Worked example: after 1 MB of data the framing may total
     * 65,536 + 1,048,576 / 16 = 131,072 bytes.
     */
    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream(64);
        long allowed = FRAMING_BASE + decoded / FRAMING_PER_BYTE;
        for (int c; ; ) {
            c = in.read();
            if (c < 0) {
                throw PayloadException.malformed("the body ended before its last chunk");
            }
            if (++framing > allowed) {
                throw PayloadException.malformed("the chunk headers and trailers exceed " + allowed + " bytes for "
                        + decoded + " bytes of data; send larger chunks");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw PayloadException.malformed("a line must end with CRLF");
                }
                framing++;
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
