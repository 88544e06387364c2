package dev.nimbus.core.auth;

/** Why a request was not authenticated, as the AWS error code sent in {@code x-amzn-ErrorType}. */
public enum AuthError {
    /** The request has no {@code Authorization} header. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
    /** The {@code Authorization} header or a header it depends on is malformed or missing. */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    /** The access key id is not known. */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    /** The signature does not match, or the request is outside the allowed clock skew. */
    INVALID_SIGNATURE("InvalidSignatureException");

    private final String code;

    AuthError(String code) {
        this.code = code;
    }

    /** The HTTP status to answer with: 403 for every authentication failure, as AWS does. */
    public int status() {
        return 403;
    }

    /** The error code for {@code x-amzn-ErrorType}, e.g. {@code InvalidSignatureException}. */
    public String code() {
        return code;
    }
}
