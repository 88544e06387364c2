package dev.nimbus.core.api;

/** Error codes of the native API, each with its HTTP status. */
public enum ErrorCode {
    INVALID_PARAMETER(400, "InvalidParameter"),
    MALFORMED_JSON(400, "MalformedJson"),
    UNAUTHORIZED(401, "Unauthorized"),
    /** Authenticated, but the API key's role does not allow the request. */
    FORBIDDEN(403, "Forbidden"),
    /** A quota of the caller's namespace (functions, code size) does not allow the request. */
    QUOTA_EXCEEDED(403, "QuotaExceeded"),
    NOT_FOUND(404, "NotFound"),
    CONFLICT(409, "Conflict"),
    PRECONDITION_FAILED(412, "PreconditionFailed"),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge"),
    /** An update's new revision failed to initialise; the previous revision keeps serving. */
    INIT_FAILED(422, "InitFailed"),
    THROTTLED(429, "Throttled"),
    INTERNAL(500, "InternalError");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
