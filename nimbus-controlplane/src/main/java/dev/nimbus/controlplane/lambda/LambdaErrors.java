package dev.nimbus.controlplane.lambda;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.code.InvalidCodeException;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.ValidationException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every error the Lambda management API answers, in one place: the AWS error types with their
 * HTTP status and AWS's messages (lambda-compat.md §4.5-4.6, §5.4-5.9), the classification of the
 * function service's exceptions into them, and the wire shape the AWS SDKs parse into typed
 * exceptions ({@code x-amzn-ErrorType}, {@code {"Type","message"}}, {@code x-amzn-RequestId}).
 */
final class LambdaErrors {
    static final String UNQUALIFIED_ONLY = "This operation is permitted on Lambda functions only. Aliases and "
            + "versions do not support this operation. Please specify either a function name or an unqualified "
            + "function ARN.";
    static final String ZIP_ONLY = "Nimbus accepts function code only as Code.ZipFile (the zip in the request); "
            + "S3Bucket/S3Key and ImageUri are not supported.";
    static final String NO_CODE = "Please provide a source for function code.";
    static final String CANNOT_UNZIP = "Could not unzip uploaded file. Please check your file, then try to upload again.";
    static final String RUNTIME_AND_HANDLER = "Runtime and Handler are mandatory parameters for functions created "
            + "with deployment packages.";
    static final String REVISION_MISMATCH = "The Revision Id provided does not match the latest Revision Id. "
            + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id";
    static final String URL_NOT_FOUND = "The resource you requested does not exist.";

    /** Field names of the native API as the Lambda API calls them, for validation messages. */
    private static final Map<String, String> MEMBERS = Map.of(
            "memoryMb", "memorySize",
            "timeoutSeconds", "timeout",
            "environment", "environment.variables",
            "reservedConcurrency", "reservedConcurrentExecutions",
            "additionalWeight", "routingConfig.additionalVersionWeights",
            "additionalVersion", "routingConfig.additionalVersionWeights",
            "version", "functionVersion",
            "instances", "provisionedConcurrentExecutions");

    private LambdaErrors() {
    }

    /** An error answered with {@code status}, AWS error type {@code type} and a user-facing message. */
    static final class Fault extends RuntimeException {
        private final int status;
        private final String type;

        Fault(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }

        int status() {
            return status;
        }

        String type() {
            return type;
        }
    }

    static Fault invalidParameter(String message) {
        return new Fault(400, "InvalidParameterValueException", message);
    }

    /** AWS's message for a value that breaks a constraint of the API model, e.g. a pattern or a range. */
    static Fault validation(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + clip(String.valueOf(value)) + "'";
        return new Fault(400, "ValidationException", "1 validation error detected: Value " + shown + " at '"
                + member + "' failed to satisfy constraint: " + constraint);
    }

    static Fault required(String member) {
        return validation(null, member, "Member must not be null");
    }

    static Fault badJson(String detail) {
        return new Fault(400, "InvalidRequestContentException", "Could not parse request body into json: " + detail);
    }

    static Fault notFound(String message) {
        return new Fault(404, "ResourceNotFoundException", message);
    }

    static Fault functionNotFound(String name, String qualifier) {
        return notFound("Function not found: " + Arns.function(name, qualifier));
    }

    static Fault aliasNotFound(String name, String alias) {
        return notFound("Cannot find alias arn: " + Arns.function(name, alias));
    }

    static Fault conflict(String message) {
        return new Fault(409, "ResourceConflictException", message);
    }

    static Fault preconditionFailed(String message) {
        return new Fault(412, "PreconditionFailedException", message);
    }

    static Fault tooLarge(int limit, String operation) {
        return new Fault(413, "RequestEntityTooLargeException",
                "Request must be smaller than " + limit + " bytes for the " + operation + " operation");
    }

    static Fault internal(String requestId) {
        return new Fault(500, "ServiceException", "Nimbus failed to handle the request; the server log has the "
                + "details (request id " + requestId + ")");
    }

    /**
     * Classifies anything a Lambda operation threw. The function service speaks in native terms; its
     * messages that name a function as {@code name[:qualifier]} are rewritten to AWS's, which name its ARN.
     *
     * @return the fault to answer, or null for an unexpected exception (a 500 the caller logs)
     */
    static Fault classify(Throwable e) {
        return switch (e) {
            case Fault f -> f;
            case ApiException a -> fromService(a);
            case ValidationException v -> validation(null, MEMBERS.getOrDefault(v.field(), v.field()),
                    v.getMessage().substring(Math.min(v.getMessage().length(), v.field().length() + 1)));
            case InvalidCodeException c -> invalidParameter(CANNOT_UNZIP + " (" + c.getMessage() + ")");
            default -> null;
        };
    }

    private static Fault fromService(ApiException e) {
        String message = e.getMessage();
        return switch (e.code()) {
            case INVALID_PARAMETER -> invalidParameter(message);
            case MALFORMED_JSON -> badJson(message);
            case NOT_FOUND -> notFound(withArn(message));
            case CONFLICT -> conflict(withArn(message));
            case PRECONDITION_FAILED -> preconditionFailed(message);
            case PAYLOAD_TOO_LARGE -> new Fault(413, "RequestEntityTooLargeException", message);
            case THROTTLED -> new Fault(429, "TooManyRequestsException", message);
            // the update operations answer a refused rollout as 200 with LastUpdateStatus Failed instead
            case INIT_FAILED -> invalidParameter(message);
            case UNAUTHORIZED, FORBIDDEN, QUOTA_EXCEEDED -> new Fault(403, "AccessDeniedException", message);
            case INTERNAL -> new Fault(500, "ServiceException", message);
        };
    }

    /**
     * "Function not found: f:2" becomes "Function not found: arn:aws:lambda:…:function:f:2"; likewise
     * "Cannot find alias: f:a" and "Alias already exists: f:a".
     */
    static String withArn(String message) {
        for (String[] prefix : new String[][] {{"Function not found: ", "Function not found: "},
                {"Cannot find alias: ", "Cannot find alias arn: "}, {"Alias already exists: ", "Alias already exists: "}}) {
            if (message.startsWith(prefix[0]) && !message.startsWith(prefix[0] + "arn:")) {
                return prefix[1] + arn(message.substring(prefix[0].length()));
            }
        }
        return message;
    }

    private static String arn(String nameAndQualifier) {
        int colon = nameAndQualifier.indexOf(':');
        return colon < 0 ? Arns.function(nameAndQualifier, null)
                : Arns.function(nameAndQualifier.substring(0, colon), nameAndQualifier.substring(colon + 1));
    }

    /** Sends {@code fault} as the AWS SDKs expect it. */
    static void send(ServerResponse res, Fault fault, String requestId) {
        String body = "{\"Type\":\"" + (fault.status() >= 500 ? "Service" : "User") + "\",\"message\":\""
                + ErrorBody.escape(fault.getMessage()) + "\"}";
        res.header(LambdaApi.REQUEST_ID, requestId);
        res.header(LambdaApi.ERROR_TYPE, fault.type());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(fault.status()).send(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
