package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * A management API call that did not succeed: the server answered with an error, or could not be
 * reached. {@link #getMessage()} is the line shown to the user after {@code error: }; every such
 * message is built here.
 */
public final class ApiException extends RuntimeException {
    private static final int MAX_BODY_CHARS = 200;

    private final int status;
    private final String code;

    private ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** HTTP status of the answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The server's error code such as {@code InvalidParameter}, or empty. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * From a non-2xx answer. The native error body {@code {"error":{"code","message","requestId"}}}
     * becomes {@code handler must ... (InvalidParameter, request 3f0c...)}; anything else (a proxy's
     * HTML page, say) becomes {@code HTTP 502 from Nimbus at ...} with the start of the body.
     */
    static ApiException fromResponse(URI base, int status, JsonNode body, String rawBody, String headerRequestId) {
        return fromResponse(base, status, body, rawBody, headerRequestId, null);
    }

    /**
     * As above; a 401 or 403 also says which key was sent, by where it came from ({@code keySource},
     * null when none was sent), since the server's message names no key.
     */
    static ApiException fromResponse(URI base, int status, JsonNode body, String rawBody, String headerRequestId,
                                     String keySource) {
        JsonNode error = body == null ? null : body.path("error");
        if (error != null && error.path("message").isTextual()) {
            String code = error.path("code").isTextual() ? error.path("code").asText() : null;
            String requestId = error.path("requestId").isTextual() ? error.path("requestId").asText() : headerRequestId;
            // a 403 for another reason (QuotaExceeded) is not about the key
            boolean aboutKey = code == null || code.equals("Unauthorized") || code.equals("Forbidden");
            return new ApiException(status, code, error.path("message").asText() + details(code, requestId)
                    + (aboutKey ? keyHint(status, keySource) : ""));
        }
        String text = rawBody == null ? "" : rawBody.strip();
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS) + "...";
        }
        return new ApiException(status, null,
                "HTTP " + status + " from Nimbus at " + base + (text.isEmpty() ? "" : ": " + text) + keyHint(status, keySource));
    }

    private static String keyHint(int status, String keySource) {
        if (status == 401 && keySource == null) {
            return "; no API key was sent: set $NIMBUS_API_KEY or pass --api-key";
        }
        if (status == 401) {
            return "; the API key from " + keySource + " was not accepted";
        }
        if (status == 403) {
            return keySource == null ? "; no API key was sent" : "; the API key from " + keySource + " is not allowed to do this";
        }
        return "";
    }

    static ApiException unreachable(URI base) {
        return new ApiException(0, null, "cannot reach Nimbus at " + base + ": start a server with 'nimbus server',"
                + " or name yours with --url or $NIMBUS_URL");
    }

    static ApiException connectionLost(URI base, Exception cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ApiException(0, null, "connection to Nimbus at " + base + " failed: " + why);
    }

    static ApiException timedOut(URI base) {
        return new ApiException(0, null, "Nimbus at " + base + " did not answer in time");
    }

    static ApiException interrupted() {
        return new ApiException(0, null, "interrupted");
    }

    static ApiException unexpectedAnswer(URI base, String what) {
        return new ApiException(0, null, "unexpected answer from Nimbus at " + base + ": " + what);
    }

    private static String details(String code, String requestId) {
        if (code == null && requestId == null) {
            return "";
        }
        if (requestId == null) {
            return " (" + code + ")";
        }
        return " (" + (code == null ? "" : code + ", ") + "request " + requestId + ")";
    }
}
