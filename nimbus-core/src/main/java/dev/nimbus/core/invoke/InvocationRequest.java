package dev.nimbus.core.invoke;

import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionRevision;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One invocation of a resolved function version.
 *
 * @param requestId     lowercase UUID, also the Lambda request id
 * @param function      the version to run
 * @param qualifier     the qualifier the caller named (alias, version, {@code $LATEST}) or null
 * @param payload       the event bytes, as the runtime will receive them
 * @param clientContext decoded client context JSON in header-safe form (compact, ASCII), or null
 * @param traceId       trace header to pass to the runtime, or null
 * @param log           receives the invocation's log lines, or null when nobody asks for them
 */
public record InvocationRequest(String requestId, FunctionRevision function, String qualifier, byte[] payload,
                                String clientContext, String traceId, InvocationLog log) {

    /** A request whose log lines only go to the function's logs. */
    public InvocationRequest(String requestId, FunctionRevision function, String qualifier, byte[] payload,
                             String clientContext, String traceId) {
        this(requestId, function, qualifier, payload, clientContext, traceId, null);
    }

    public InvocationRequest {
        if (payload == null || payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        }
    }

    public static InvocationRequest of(FunctionCatalog.Target target, byte[] payload) {
        return new InvocationRequest(UUID.randomUUID().toString(), target.revision(), target.qualifier(), payload,
                null, null);
    }

    /** The function ARN as the caller addressed it: qualified exactly when the caller used a qualifier. */
    public String invokedArn() {
        return Arns.function(function.name(), qualifier);
    }
}
