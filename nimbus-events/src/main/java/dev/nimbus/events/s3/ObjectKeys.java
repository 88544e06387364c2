package dev.nimbus.events.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Object keys as they arrive in a path: percent-decoded, valid UTF-8, at most 1,024 bytes, without
 * control characters (which XML listings and event records could not carry).
 */
final class ObjectKeys {
    static final int MAX_BYTES = 1024;

    private ObjectKeys() {
    }

    /** The key of a raw (still percent-encoded) path segment; 400 for anything not a valid key. */
    static String decode(String raw) {
        byte[] bytes = percentDecode(raw);
        if (bytes.length > MAX_BYTES) {
            throw S3Error.keyTooLong(MAX_BYTES);
        }
        String key;
        try {
            key = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw S3Error.invalidArgument("Object keys must be valid UTF-8");
        }
        if (key.isEmpty() || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw S3Error.invalidArgument("Object keys must be 1 to " + MAX_BYTES
                    + " bytes of UTF-8 without control characters");
        }
        return key;
    }

    /** RFC 3986 percent-decoding ('+' stays '+'); a '%' without two hex digits is a 400. */
    static byte[] percentDecode(String raw) {
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
            } else if (i + 2 < in.length && HexFormat.isHexDigit(in[i + 1]) && HexFormat.isHexDigit(in[i + 2])) {
                out.write(HexFormat.fromHexDigit(in[i + 1]) << 4 | HexFormat.fromHexDigit(in[i + 2]));
                i += 2;
            } else {
                throw S3Error.invalidArgument("The request path holds a '%' not followed by two hex digits");
            }
        }
        return out.toByteArray();
    }
}
