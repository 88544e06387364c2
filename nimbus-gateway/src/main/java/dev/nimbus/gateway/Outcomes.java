package dev.nimbus.gateway;

import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.gateway.http.HttpPayload;
import dev.nimbus.gateway.http.HttpReply;
import dev.nimbus.gateway.lambda.LambdaError;
import dev.nimbus.gateway.lambda.LambdaHeaders;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place where invocation results become HTTP responses, for each of the three invoke
 * surfaces: the Lambda Invoke API, function HTTP routes and the native API.
 */
public final class Outcomes {
    static final HeaderName NIMBUS_REQUEST_ID = HeaderNames.create("X-Nimbus-Request-Id");
    private static final HeaderName NIMBUS_FUNCTION_ERROR = HeaderNames.create("X-Nimbus-Function-Error");
    private static final HeaderName NIMBUS_EXECUTED_VERSION = HeaderNames.create("X-Nimbus-Executed-Version");

    private Outcomes() {
    }

    /**
     * Lambda Invoke: function failures are 200 with {@code X-Amz-Function-Error: Unhandled} and the
     * error document; throttling and platform faults are service errors (lambda-compat.md §4.3-4.5).
     *
     * @param logResult the base64 {@code X-Amz-Log-Result}, or null when the caller did not ask for it
     */
    public static void lambda(ServerResponse res, InvocationResult result, String requestId, String executedVersion,
                              String logResult) {
        byte[] errorDocument;
        switch (result) {
            case InvocationResult.Success s -> {
                lambdaHeaders(res, requestId, executedVersion, logResult);
                res.header(LambdaHeaders.CONTENT_TYPE, s.contentType());
                res.status(200).send(s.body());
                return;
            }
            case InvocationResult.FunctionError e -> errorDocument = e.body();
            case InvocationResult.InitError e -> errorDocument = e.body();
            case InvocationResult.Timeout t -> errorDocument = t.body();
            case InvocationResult.Throttled t -> {
                LambdaError.throttled(t.reason(), t.message(), t.retryAfterSeconds()).send(res, requestId);
                return;
            }
            case InvocationResult.PlatformError p -> {
                LambdaError.service(p.message()).send(res, requestId);
                return;
            }
        }
        lambdaHeaders(res, requestId, executedVersion, logResult);
        res.header(LambdaHeaders.FUNCTION_ERROR, "Unhandled");
        res.header(LambdaHeaders.CONTENT_TYPE, "application/json");
        res.status(200).send(errorDocument);
    }

    private static void lambdaHeaders(ServerResponse res, String requestId, String executedVersion, String logResult) {
        res.header(LambdaHeaders.REQUEST_ID, requestId);
        res.header(LambdaHeaders.EXECUTED_VERSION, executedVersion);
        if (logResult != null) {
            res.header(LambdaHeaders.LOG_RESULT, logResult);
        }
    }

    /** Function HTTP routes: the function describes the response; failures are 502, 504, 429, 500. */
    public static void http(ServerResponse res, InvocationResult result, String requestId, HttpPayload payload,
                            boolean head) {
        res.header(NIMBUS_REQUEST_ID, requestId);
        HttpReply reply = switch (result) {
            case InvocationResult.Success s -> payload.reply(s.body());
            case InvocationResult.FunctionError e -> HttpReply.message(502, payload.internalErrorMessage());
            case InvocationResult.InitError e -> HttpReply.message(502, payload.internalErrorMessage());
            case InvocationResult.Timeout t -> HttpReply.message(504, "Endpoint request timed out");
            case InvocationResult.Throttled t -> {
                res.header(LambdaHeaders.RETRY_AFTER, Integer.toString(t.retryAfterSeconds()));
                yield HttpReply.message(429, "Too Many Requests");
            }
            case InvocationResult.PlatformError p -> HttpReply.message(500, payload.internalErrorMessage());
        };
        reply.headers().forEach((name, values) -> res.header(name, values.toArray(String[]::new)));
        if (head) { // the answer's length only: a body would be read as the start of the next answer on the connection
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length));
            res.status(reply.status()).send();
        } else {
            res.status(reply.status()).send(reply.body());
        }
    }

    /**
     * Native invoke: the function's answer with 200; function failures add
     * {@code X-Nimbus-Function-Error}; throttling and platform faults are native API errors.
     */
    public static void nativeApi(ServerResponse res, InvocationResult result, String requestId, String executedVersion) {
        res.header(NIMBUS_REQUEST_ID, requestId);
        switch (result) {
            case InvocationResult.Success s -> {
                res.header(NIMBUS_EXECUTED_VERSION, executedVersion);
                res.header(HeaderNames.CONTENT_TYPE, s.contentType());
                res.status(200).send(s.body());
            }
            case InvocationResult.FunctionError e -> nativeFunctionError(res, e.errorType(), e.body(), executedVersion);
            case InvocationResult.InitError e -> nativeFunctionError(res, e.errorType(), e.body(), executedVersion);
            case InvocationResult.Timeout t -> nativeFunctionError(res, "Sandbox.Timedout", t.body(), executedVersion);
            case InvocationResult.Throttled t -> {
                res.header(LambdaHeaders.RETRY_AFTER, Integer.toString(t.retryAfterSeconds()));
                sendError(res, ErrorCode.THROTTLED, t.message() + " (" + t.reason() + "); retry later", requestId);
            }
            case InvocationResult.PlatformError p -> sendError(res, ErrorCode.INTERNAL, p.message(), requestId);
        }
    }

    private static void nativeFunctionError(ServerResponse res, String errorType, byte[] body, String executedVersion) {
        res.header(NIMBUS_EXECUTED_VERSION, executedVersion);
        res.header(NIMBUS_FUNCTION_ERROR, errorType);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(200).send(body);
    }

    /** A native API error response. */
    public static void sendError(ServerResponse res, ErrorCode code, String message, String requestId) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(NIMBUS_REQUEST_ID, requestId);
        res.status(code.status()).send(ErrorBody.json(code, message, requestId));
    }
}
