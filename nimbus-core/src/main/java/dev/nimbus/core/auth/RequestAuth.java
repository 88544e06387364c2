package dev.nimbus.core.auth;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a request to an AWS-compatible API may proceed. Facades call
 * {@link #checkHeaders} before reading the body (so a request bound to fail costs no body) and
 * {@link #check} once they have read it, before doing anything else.
 */
@FunctionalInterface
public interface RequestAuth {

    /** Lets every request through: authentication explicitly turned off. */
    RequestAuth OFF = (method, rawPath, rawQuery, headers, body) -> null;

    /**
     * @param method   HTTP method
     * @param rawPath  the request path exactly as received, still percent-encoded
     * @param rawQuery the raw query string without '?', or empty
     * @param headers  request headers, names in lower case
     * @param body     the request body (empty if none)
     * @return null if the request may proceed, otherwise why not (answered with HTTP 403)
     */
    Refusal check(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body);

    /**
     * What can be decided without the body (a missing or malformed signature, a stale date, an
     * unknown key); null if the request may go on to {@link #check}. Same parameters as there.
     */
    default Refusal checkHeaders(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        return null;
    }

    /**
     * This check accepting a signature by {@code accessKeyId} only (null: by no key); a check that
     * verifies nothing ({@link #OFF}) stays as it is.
     */
    default RequestAuth signedBy(String accessKeyId) {
        return this;
    }

    /**
     * A refused request.
     *
     * @param errorType the AWS error code for {@code x-amzn-ErrorType}, e.g. {@code InvalidSignatureException}
     * @param message   safe to show to the caller
     */
    record Refusal(String errorType, String message) {
    }
}
