package dev.nimbus.core.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * SigV4's URI encoding: every byte except RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~})
 * becomes {@code %XX} with upper-case hex. Works on bytes, so any input, even invalid UTF-8 or a
 * stray {@code %}, has one well-defined encoding and nothing here throws.
 */
final class PercentEncoding {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private PercentEncoding() {
    }

    /** Encodes the UTF-8 bytes of {@code s}; with {@code keepSlashes}, '/' stays as it is. */
    static String encode(String s, boolean keepSlashes) {
        return encode(s.getBytes(StandardCharsets.UTF_8), keepSlashes);
    }

    static String encode(byte[] bytes, boolean keepSlashes) {
        var sb = new StringBuilder(bytes.length * 3 / 2);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (keepSlashes && c == '/')) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX.toHexDigits(b));
            }
        }
        return sb.toString();
    }

    /**
     * Percent-decodes to bytes (RFC 3986: '+' stays '+'). A '%' not followed by two hex digits is
     * kept as a literal '%'.
     */
    static byte[] decode(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
                out.write(HexFormat.fromHexDigit(in[i + 1]) << 4 | HexFormat.fromHexDigit(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(byte b) {
        return HexFormat.isHexDigit(b);
    }
}
