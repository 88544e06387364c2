package dev.nimbus.core.invoke;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one invocation, for operators: which instance ran it, whether it paid for a
 * cold start and where that time went, how long it ran and how it ended.
 *
 * @param requestId   the invocation's request id
 * @param function    function name
 * @param version     {@code $LATEST} or a published version
 * @param revision    the function revision that ran
 * @param instanceId  the instance that ran it, null when none did (throttled)
 * @param arrived     when the invocation reached the pool
 * @param start       cold, warm or provisioned; null when no instance ran it
 * @param queued      time spent waiting for an instance
 * @param spawn       cold start: starting the process; null otherwise
 * @param runtimeInit cold start: the runtime's own start (all of the init when the runtime does
 *                    not report its handler init); null otherwise
 * @param handlerInit cold start: loading the function's handler, when the runtime reports it; else null
 * @param duration    from reaching the pool to the result, queueing included
 * @param outcome     how it ended
 * @param errorType   the error type of a failed invocation, null on success
 */
public record InvocationRecord(
        String requestId,
        String function,
        String version,
        long revision,
        String instanceId,
        Instant arrived,
        StartKind start,
        Duration queued,
        Duration spawn,
        Duration runtimeInit,
        Duration handlerInit,
        Duration duration,
        Outcome outcome,
        String errorType) {

    public InvocationRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(arrived, "arrived");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How the instance that ran an invocation came to be ready for it. */
    public enum StartKind {
        /** the invocation waited for a new instance to initialise */
        COLD,
        /** an initialised instance was ready */
        WARM,
        /** an instance of the function's provisioned floor ran it */
        PROVISIONED
    }

    public enum Outcome {
        SUCCESS, FUNCTION_ERROR, INIT_ERROR, TIMEOUT, THROTTLED, PLATFORM_ERROR;

        public static Outcome of(InvocationResult result) {
            return switch (result) {
                case InvocationResult.Success s -> SUCCESS;
                case InvocationResult.FunctionError e -> FUNCTION_ERROR;
                case InvocationResult.InitError e -> INIT_ERROR;
                case InvocationResult.Timeout t -> TIMEOUT;
                case InvocationResult.Throttled t -> THROTTLED;
                case InvocationResult.PlatformError p -> PLATFORM_ERROR;
            };
        }
    }

    /** The error type of {@code result}, or null for a success. */
    public static String errorType(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> null;
            case InvocationResult.FunctionError e -> e.errorType();
            case InvocationResult.InitError e -> e.errorType();
            case InvocationResult.Timeout t -> "Sandbox.Timedout";
            case InvocationResult.Throttled t -> "TooManyRequestsException";
            case InvocationResult.PlatformError p -> "ServiceException";
        };
    }
}
