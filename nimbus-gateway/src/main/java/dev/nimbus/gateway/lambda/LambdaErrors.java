package dev.nimbus.gateway.lambda;

import dev.nimbus.core.api.ErrorBody;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Service errors in the shape the AWS SDKs parse (lambda-compat.md §4.6): the code in
 * {@code x-amzn-ErrorType}, the message in the body's {@code message}, the request id header.
 */
public final class LambdaErrors {
    private LambdaErrors() {
    }

    public static void send(ServerResponse res, int status, String type, String message, Map<String, String> extra,
                            int retryAfterSeconds, String requestId) {
        var body = new StringBuilder("{\"Type\":\"").append(status >= 500 ? "Service" : "User")
                .append("\",\"message\":\"").append(ErrorBody.escape(message)).append('"');
        extra.forEach((k, v) -> body.append(",\"").append(k).append("\":\"").append(ErrorBody.escape(v)).append('"'));
        body.append('}');
        res.header("x-amzn-RequestId", requestId);
        res.header("x-amzn-ErrorType", type);
        res.header("Content-Type", "application/json");
        if (retryAfterSeconds > 0) {
            res.header("Retry-After", Integer.toString(retryAfterSeconds));
        }
        res.status(status).send(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
