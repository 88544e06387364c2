package dev.nimbus.core.invoke;

import dev.nimbus.core.trace.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one invocation, for operators: what caused it, which instance ran it, whether it
 * paid for a cold start and where that time went, how long it ran, how it ended and what it logged.
 *
 * @param requestId   the invocation's request id
 * @param function    function name
 * @param version     {@code $LATEST} or a published version
 * @param revision    the function revision that ran
 * @param trigger     what caused it
 * @param instanceId  the instance that ran it, null when none did (throttled)
 * @param arrived     when the invocation reached the pool
 * @param start       cold, warm or provisioned; null when no instance ran it
 * @param queued      time spent waiting for an instance
 * @param coldStart   where a cold start's time went; null for any other start
 * @param duration    from reaching the pool to the result, queueing included
 * @param outcome     how it ended
 * @param errorType   the error type of a failed invocation, null on success
 * @param maxMemoryMb the instance's peak resident memory as its REPORT line gives it; 0 when none ran
 * @param trace       the invocation's place in its trace
 * @param log         the start and end of what it logged (START to REPORT), bounded; see {@link LogExcerpt}
 */
public record InvocationRecord(
        String requestId,
        String function,
        String version,
        long revision,
        Trigger trigger,
        String instanceId,
        Instant arrived,
        StartKind start,
        Duration queued,
        ColdStart coldStart,
        Duration duration,
        Outcome outcome,
        String errorType,
        long maxMemoryMb,
        TraceContext trace,
        List<String> log) {

    public InvocationRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(arrived, "arrived");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(trace, "trace");
        log = List.copyOf(log);
    }

    /** The same record without its log, for keeping where the log is not needed. */
    public InvocationRecord withoutLog() {
        return new InvocationRecord(requestId, function, version, revision, trigger, instanceId, arrived, start, queued,
                coldStart, duration, outcome, errorType, maxMemoryMb, trace, List.of());
    }

    /** Whether it ended in an error of the function, its runtime or the platform (a throttle is not one). */
    public boolean failed() {
        return outcome != Outcome.SUCCESS && outcome != Outcome.THROTTLED;
    }

    /**
     * Durations of a cold start's phases: spawning the process, the runtime's own start (all of the
     * init when the runtime does not report its handler init), loading the handler ({@code handlerInit}
     * null when the runtime did not report it).
     */
    public record ColdStart(Duration spawn, Duration runtimeInit, Duration handlerInit) {
        public ColdStart {
            Objects.requireNonNull(spawn, "spawn");
            Objects.requireNonNull(runtimeInit, "runtimeInit");
        }
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
