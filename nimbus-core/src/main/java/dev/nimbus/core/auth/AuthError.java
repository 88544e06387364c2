package dev.nimbus.core.auth;

/**
 * Why a request was not authenticated, as the AWS error code sent in {@code x-amzn-ErrorType} by
 * the Lambda API ({@link #code}) and in the XML error document by the S3 API ({@link #s3Code}).
 */
public enum AuthError {
    /** The request has no {@code Authorization} header (nor query authentication, for S3). */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", "AccessDenied", 403),
    /** The {@code Authorization} header or a header it depends on is malformed or missing. */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", "AuthorizationHeaderMalformed", 400),
    /** The access key id is not known. */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", "InvalidAccessKeyId", 403),
    /** The signature does not match. */
    INVALID_SIGNATURE("InvalidSignatureException", "SignatureDoesNotMatch", 403),
    /** The request's date is outside the allowed clock skew. */
    REQUEST_TIME_TOO_SKEWED("InvalidSignatureException", "RequestTimeTooSkewed", 403),
    /** A presigned URL used after it expired. */
    REQUEST_EXPIRED("InvalidSignatureException", "AccessDenied", 403),
    /** Signed with Signature Version 4A ({@code AWS4-ECDSA-P256-SHA256}), which S3 accepts and Nimbus does not. */
    SIGV4A_NOT_IMPLEMENTED("IncompleteSignatureException", "NotImplemented", 501);

    private final String code;
    private final String s3Code;
    private final int s3Status;

    AuthError(String code, String s3Code, int s3Status) {
        this.code = code;
        this.s3Code = s3Code;
        this.s3Status = s3Status;
    }

    /** The HTTP status the Lambda API answers with: 403 for every authentication failure, as AWS does. */
    public int status() {
        return 403;
    }

    /** The error code for {@code x-amzn-ErrorType}, e.g. {@code InvalidSignatureException}. */
    public String code() {
        return code;
    }

    /** The S3 error code, e.g. {@code SignatureDoesNotMatch}. */
    public String s3Code() {
        return s3Code;
    }

    /** The HTTP status of the S3 error, as S3 answers it. */
    public int s3Status() {
        return s3Status;
    }
}
