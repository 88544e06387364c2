package dev.nimbus.gateway.lambda;

import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.Payloads;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * A service error of the Lambda API, in the shape the AWS SDKs turn into typed exceptions
 * (lambda-compat.md §4.5-4.6): the code in {@code x-amzn-ErrorType}, {@code Type} and
 * {@code message} in the JSON body, the request id header. Every Lambda API error and its wording
 * is made here.
 */
public final class LambdaError extends RuntimeException {
    /** Lambda's limit for the payload of an {@code Event} invocation: 1 MiB. */
    public static final int MAX_EVENT_PAYLOAD = 1024 * 1024;

    private final int status;
    private final String type;
    private final String reason;
    private final int retryAfterSeconds;

    private LambdaError(int status, String type, String message, String reason, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    private static LambdaError of(int status, String type, String message) {
        return new LambdaError(status, type, message, null, 0);
    }

    /** An unknown function or version; {@code arn} includes the qualifier ({@code $LATEST} for none). */
    static LambdaError functionNotFound(String arn) {
        return of(404, "ResourceNotFoundException", "Function not found: " + arn);
    }

    static LambdaError aliasNotFound(String arn) {
        return of(404, "ResourceNotFoundException", "Cannot find alias arn: " + arn);
    }

    static LambdaError invalidFunctionName(String name) {
        return of(400, "ValidationException", "1 validation error detected: Value '" + clip(name)
                + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
                + "([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }

    static LambdaError invalidQualifier(String qualifier) {
        return of(400, "ValidationException", "1 validation error detected: Value '" + clip(qualifier)
                + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "(|[a-zA-Z0-9$_-]+)");
    }

    static LambdaError qualifierMismatch() {
        return of(400, "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.");
    }

    static LambdaError invalidParameter(String message) {
        return of(400, "InvalidParameterValueException", message);
    }

    static LambdaError notJson(String detail) {
        return of(400, "InvalidRequestContentException", "Could not parse request body into json: " + detail);
    }

    static LambdaError requestTooLarge() {
        return of(413, "RequestEntityTooLargeException", "Request must be smaller than "
                + Payloads.MAX_INVOKE_PAYLOAD + " bytes for the InvokeFunction operation");
    }

    static LambdaError eventTooLarge(long size) {
        return of(413, "RequestEntityTooLargeException", size + " byte payload is too large for the Event "
                + "invocation type (limit " + MAX_EVENT_PAYLOAD + " bytes)");
    }

    /** {@code reason} is one of the model's TooManyRequestsException reasons. */
    public static LambdaError throttled(String reason, String message, int retryAfterSeconds) {
        return new LambdaError(429, "TooManyRequestsException", message, reason, retryAfterSeconds);
    }

    /** The authentication hook refused the request. */
    static LambdaError refused(String errorType, String message) {
        return of(403, errorType, message);
    }

    /** Nimbus failed; {@code message} must be safe to show. */
    public static LambdaError service(String message) {
        return of(500, "ServiceException", message);
    }

    public void send(ServerResponse res, String requestId) {
        var body = new StringBuilder("{\"Type\":\"").append(status >= 500 ? "Service" : "User")
                .append("\",\"message\":\"").append(ErrorBody.escape(getMessage())).append('"');
        if (reason != null) {
            body.append(",\"Reason\":\"").append(ErrorBody.escape(reason)).append('"');
        }
        body.append('}');
        res.header(LambdaHeaders.REQUEST_ID, requestId);
        res.header(LambdaHeaders.ERROR_TYPE, type);
        res.header(LambdaHeaders.CONTENT_TYPE, "application/json");
        if (retryAfterSeconds > 0) {
            res.header(LambdaHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        res.status(status).send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String clip(String s) {
        return s.length() <= 140 ? s : s.substring(0, 140) + "...";
    }
}
