package dev.nimbus.core.invoke;

import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * One invocation of a resolved function version.
 *
 * @param requestId     lowercase UUID, also the Lambda request id
 * @param function      the version to run
 * @param qualifier     the qualifier the caller named (alias, version, {@code $LATEST}) or null
 * @param payload       the event bytes, as the runtime will receive them
 * @param clientContext decoded client context JSON in header-safe form (compact, ASCII), or null
 * @param trigger       what caused it
 * @param trace         the invocation's place in a trace; the runtime gets it as {@code Lambda-Runtime-Trace-Id}
 * @param log           receives the invocation's log lines, or null when nobody asks for them
 */
public record InvocationRequest(String requestId, FunctionRevision function, String qualifier, byte[] payload,
                                String clientContext, Trigger trigger, TraceContext trace, InvocationLog log) {

    /** A request with a new trace whose log lines only go to the function's logs. */
    public InvocationRequest(String requestId, FunctionRevision function, String qualifier, byte[] payload,
                             Trigger trigger) {
        this(requestId, function, qualifier, payload, null, trigger, TraceContext.fresh(), null);
    }

    public InvocationRequest {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(trace, "trace");
        if (payload == null || payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        }
    }

    public static InvocationRequest of(FunctionCatalog.Target target, byte[] payload) {
        return new InvocationRequest(UUID.randomUUID().toString(), target.revision(), target.qualifier(), payload,
                Trigger.API);
    }

    /** The same request with its log lines going to {@code log} instead. */
    public InvocationRequest withLog(InvocationLog log) {
        return new InvocationRequest(requestId, function, qualifier, payload, clientContext, trigger, trace, log);
    }

    /** The function ARN as the caller addressed it: qualified exactly when the caller used a qualifier. */
    public String invokedArn() {
        return Arns.function(function.name(), qualifier);
    }
}
