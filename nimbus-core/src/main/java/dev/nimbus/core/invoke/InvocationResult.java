package dev.nimbus.core.invoke;

import dev.nimbus.core.api.ErrorBody;
import java.nio.charset.StandardCharsets;

/**
 * The outcome of one invocation, classified once where it is produced. Function-caused failures
 * carry the Lambda error document ({@code {"errorType":..., "errorMessage":...}}) as their body.
 */
public sealed interface InvocationResult {

    /** The function returned {@code body}. */
    record Success(byte[] body, String contentType) implements InvocationResult {
    }

    /** The function failed while handling the event (error posted, crash, response too large). */
    record FunctionError(String errorType, byte[] body) implements InvocationResult {
    }

    /** The function's initialisation failed; the next invocation retries the start. */
    record InitError(String errorType, byte[] body) implements InvocationResult {
    }

    /** The invocation ran past the function's timeout and its instance was killed. */
    record Timeout(String requestId, int timeoutSeconds) implements InvocationResult {
        public byte[] body() {
            return errorDocument("Sandbox.Timedout",
                    "RequestId: " + requestId + " Error: Task timed out after " + timeoutSeconds + ".00 seconds");
        }
    }

    /**
     * No capacity within the bounded wait; retry after {@code retryAfterSeconds}.
     *
     * @param reason  Lambda's throttling reason code (e.g. {@code ReservedFunctionConcurrentInvocationLimitExceeded})
     * @param message what ran out, safe to show the caller
     */
    record Throttled(String reason, String message, int retryAfterSeconds) implements InvocationResult {
    }

    /** Nimbus itself failed; {@code message} is safe to show, details went to the server log. */
    record PlatformError(String message) implements InvocationResult {
    }

    /** A Lambda error document, {@code {"errorType":..., "errorMessage":...}}. */
    static byte[] errorDocument(String errorType, String errorMessage) {
        return ("{\"errorType\":\"" + ErrorBody.escape(errorType) + "\",\"errorMessage\":\""
                + ErrorBody.escape(errorMessage) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
