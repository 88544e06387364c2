package dev.nimbus.core.api;

import java.util.regex.Pattern;

/** User-facing error messages, in one place. */
public final class Messages {
    private static final Pattern PARSER_INTERNALS = Pattern.compile(", from `[^`]*`");
    private Messages() {
    }

    public static ApiException functionNotFound(String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + name);
    }

    /** A published version number that does not exist, e.g. {@code orders:7}. */
    public static ApiException versionNotFound(String name, String version) {
        return new ApiException(ErrorCode.NOT_FOUND, "Function version not found: " + name + ":" + version);
    }

    public static ApiException aliasNotFound(String name, String alias) {
        return new ApiException(ErrorCode.NOT_FOUND, "Alias not found: " + name + ":" + alias);
    }

    /** A function reference in a path that is not {@code name} or {@code name:qualifier}, e.g. {@code a:b:c}. */
    public static ApiException invalidFunctionReference(String ref) {
        String shown = ref.length() > 100 ? ref.substring(0, 100) + "..." : ref;
        return new ApiException(ErrorCode.INVALID_PARAMETER, "Invalid function reference '" + shown
                + "': expected name or name:qualifier, the name 1-64 letters, digits, '-' and '_', the qualifier "
                + "$LATEST, a version number or an alias (1-128 letters, digits, '$', '-' and '_')");
    }

    public static ApiException codeNotFound(String sha256) {
        return new ApiException(ErrorCode.INVALID_PARAMETER,
                "codeSha256 names no uploaded code: " + sha256 + " (upload the zip with POST /api/v1/code first)");
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body must be at most " + limit + " bytes");
    }

    /**
     * {@code detail} is the JSON parser's own message, without the parser's class and method names
     * it sometimes cites, e.g. "Number value length (2000) exceeds the maximum allowed (1000)".
     */
    public static ApiException malformedJson(String detail) {
        return new ApiException(ErrorCode.MALFORMED_JSON, "Request body is not valid JSON: "
                + (detail == null ? "unreadable" : PARSER_INTERNALS.matcher(detail).replaceAll("")));
    }

    public static ApiException notFound(String path) {
        return new ApiException(ErrorCode.NOT_FOUND, "No such endpoint: " + path);
    }

    public static final String INTERNAL = "Nimbus failed to handle the request; the server log has the details";
}
