package dev.nimbus.gateway;

import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.gateway.http.ApiGatewayEvents;
import dev.nimbus.gateway.http.HttpReply;
import dev.nimbus.gateway.lambda.LambdaErrors;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one place where invocation results become HTTP responses, for each of the three invoke
 * surfaces: the Lambda Invoke API, function HTTP routes and the native API.
 */
public final class Outcomes {
    private Outcomes() {
    }

    /** Lambda Invoke: function failures are 200 with {@code X-Amz-Function-Error}; service errors use AWS shapes. */
    public static void lambda(ServerResponse res, InvocationResult result, String requestId, String executedVersion) {
        res.header("x-amzn-RequestId", requestId);
        switch (result) {
            case InvocationResult.Success s -> {
                res.header("X-Amz-Executed-Version", executedVersion);
                res.header("Content-Type", s.contentType());
                res.status(200).send(s.body());
            }
            case InvocationResult.FunctionError e -> functionError(res, e.body(), executedVersion);
            case InvocationResult.InitError e -> functionError(res, e.body(), executedVersion);
            case InvocationResult.Timeout t -> functionError(res, t.body(), executedVersion);
            case InvocationResult.Throttled t -> LambdaErrors.send(res, 429, "TooManyRequestsException", "Rate Exceeded.",
                    Map.of("Reason", t.reason()), t.retryAfterSeconds(), requestId);
            case InvocationResult.PlatformError p -> LambdaErrors.send(res, 500, "ServiceException", p.message(),
                    Map.of(), 0, requestId);
        }
    }

    private static void functionError(ServerResponse res, byte[] body, String executedVersion) {
        res.header("X-Amz-Executed-Version", executedVersion);
        res.header("X-Amz-Function-Error", "Unhandled");
        res.header("Content-Type", "application/json");
        res.status(200).send(body);
    }

    /** Function HTTP routes: the function describes the response; failures are 502, 504, 429, 500. */
    public static void http(ServerResponse res, InvocationResult result, String requestId, ApiGatewayEvents events) {
        res.header("X-Nimbus-Request-Id", requestId);
        HttpReply reply = switch (result) {
            case InvocationResult.Success s -> events.reply(s.body());
            case InvocationResult.FunctionError e -> message(502, "Internal Server Error");
            case InvocationResult.InitError e -> message(502, "Internal Server Error");
            case InvocationResult.Timeout t -> message(504, "Endpoint request timed out");
            case InvocationResult.Throttled t -> {
                res.header("Retry-After", Integer.toString(t.retryAfterSeconds()));
                yield message(429, "Too Many Requests");
            }
            case InvocationResult.PlatformError p -> message(500, "Internal Server Error");
        };
        reply.headers().forEach((name, values) -> res.header(name, values.toArray(String[]::new)));
        res.status(reply.status()).send(reply.body());
    }

    private static HttpReply message(int status, String message) {
        return new HttpReply(status, Map.of("content-type", List.of("application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Native invoke: the function's answer with 200; function failures add
     * {@code X-Nimbus-Function-Error}; throttling and platform faults are native API errors.
     */
    public static void nativeApi(ServerResponse res, InvocationResult result, String requestId) {
        res.header("X-Nimbus-Request-Id", requestId);
        switch (result) {
            case InvocationResult.Success s -> {
                res.header("Content-Type", s.contentType());
                res.status(200).send(s.body());
            }
            case InvocationResult.FunctionError e -> nativeFunctionError(res, e.errorType(), e.body());
            case InvocationResult.InitError e -> nativeFunctionError(res, e.errorType(), e.body());
            case InvocationResult.Timeout t -> nativeFunctionError(res, "Sandbox.Timedout", t.body());
            case InvocationResult.Throttled t -> {
                res.header("Retry-After", Integer.toString(t.retryAfterSeconds()));
                sendError(res, ErrorCode.THROTTLED, "Too many concurrent invocations of this function ("
                        + t.reason() + "); retry later", requestId);
            }
            case InvocationResult.PlatformError p -> sendError(res, ErrorCode.INTERNAL, p.message(), requestId);
        }
    }

    private static void nativeFunctionError(ServerResponse res, String errorType, byte[] body) {
        res.header("X-Nimbus-Function-Error", errorType);
        res.header("Content-Type", "application/json");
        res.status(200).send(body);
    }

    /** A native API error response. */
    public static void sendError(ServerResponse res, ErrorCode code, String message, String requestId) {
        res.header("Content-Type", "application/json");
        res.header("X-Nimbus-Request-Id", requestId);
        res.status(code.status()).send(ErrorBody.json(code, message, requestId));
    }
}
