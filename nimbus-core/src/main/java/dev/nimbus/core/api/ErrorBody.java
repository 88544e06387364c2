package dev.nimbus.core.api;

import java.nio.charset.StandardCharsets;

/** The native API's error document: {@code {"error":{"code":...,"message":...,"requestId":...}}}. */
public final class ErrorBody {
    private ErrorBody() {
    }

    public static byte[] json(ErrorCode code, String message, String requestId) {
        return ("{\"error\":{\"code\":\"" + code.code() + "\",\"message\":\"" + escape(message)
                + "\",\"requestId\":\"" + escape(requestId) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes a string for use inside a JSON string literal. */
    public static String escape(String s) {
        var sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
