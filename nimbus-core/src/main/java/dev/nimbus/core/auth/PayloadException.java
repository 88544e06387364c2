package dev.nimbus.core.auth;

import java.io.IOException;
import java.util.Locale;

/**
 * An S3 request body that is refused while it is read: malformed aws-chunked encoding, a chunk
 * or trailer signature, SHA-256 or checksum that does not match. Whatever was read so far must be
 * discarded.
 */
public final class PayloadException extends IOException {
    private final String code;
    private final int status;

    PayloadException(String code, int status, String message) {
        super(message, null);
        this.code = code;
        this.status = status;
    }

    /** The S3 error code, e.g. {@code BadDigest}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    static PayloadException sha256Mismatch() {
        return new PayloadException("XAmzContentSHA256Mismatch", 400,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    static PayloadException checksumMismatch(String algorithm) {
        return new PayloadException("BadDigest", 400, "The " + algorithm.toUpperCase(Locale.ROOT)
                + " you specified did not match the calculated checksum.");
    }

    static PayloadException chunkSignatureMismatch() {
        return new PayloadException("SignatureDoesNotMatch", 403, "The chunk signature we calculated does not match "
                + "the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    static PayloadException malformed(String what) {
        return new PayloadException("InvalidRequest", 400, "Malformed aws-chunked body: " + what + ".");
    }

    static PayloadException incomplete(long expected, long received) {
        return new PayloadException("IncompleteBody", 400, "The request body ended after " + received
                + " of the " + expected + " bytes declared.");
    }

    static PayloadException longerThanDeclared(long declared) {
        return new PayloadException("InvalidRequest", 400, "The request body holds more than the " + declared
                + " bytes that x-amz-decoded-content-length declares.");
    }

    static PayloadException tooLarge(long max) {
        return new PayloadException("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size of "
                + max + " bytes.");
    }

    static PayloadException repeatedTrailer(String name) {
        return malformed("the trailer " + clip(name) + " is repeated");
    }

    static PayloadException invalidArgument(String message) {
        return new PayloadException("InvalidArgument", 400, message);
    }

    static PayloadException notImplemented(String message) {
        return new PayloadException("NotImplemented", 501, message);
    }

    /** At most 64 printable ASCII characters of untrusted input; anything else becomes '?'. */
    private static String clip(String s) {
        var sb = new StringBuilder(Math.min(s.length(), 64) + 3);
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 64 ? sb.append("...").toString() : sb.toString();
    }
}
