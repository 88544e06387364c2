package dev.nimbus.gateway.lambda;

/**
 * The decoded client context as the runtime receives it in {@code Lambda-Runtime-Client-Context}:
 * the caller's JSON without whitespace between tokens and with every character outside printable
 * ASCII written as a {@code \\uXXXX} escape. The document means the same, but an HTTP header can
 * carry neither a line break (a pretty-printed context made the Runtime API drop the connection,
 * so the runtime exited) nor, portably, non-ASCII text. For example
 * <code>{ "custom": {"k": "a b"} }</code>, split over lines, becomes
 * <code>{"custom":{"k":"a b"}}</code>, and an {@code é} in a string becomes {@code \\u00e9}.
 */
final class ClientContextHeader {
    private ClientContextHeader() {
    }

    /** {@code json} must be valid JSON; the result is the same document in header-safe form. */
    static String of(String json) {
        var out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = inString;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return out.toString();
    }
}
