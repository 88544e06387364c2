package dev.nimbus.core.invoke;

import dev.nimbus.core.function.FunctionRevision;

/**
 * One invocation of a resolved function revision.
 *
 * @param requestId     lowercase UUID, also the Lambda request id
 * @param function      the revision to run
 * @param payload       the event bytes, as the runtime will receive them
 * @param clientContext decoded client context JSON, or null
 * @param traceId       trace header to pass to the runtime, or null
 */
public record InvocationRequest(String requestId, FunctionRevision function, byte[] payload, String clientContext,
                                String traceId) {

    public InvocationRequest {
        if (payload == null || payload.length == 0) {
            payload = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static InvocationRequest of(FunctionRevision function, byte[] payload) {
        return new InvocationRequest(java.util.UUID.randomUUID().toString(), function, payload, null, null);
    }
}
