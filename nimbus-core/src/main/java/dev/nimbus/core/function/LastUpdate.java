package dev.nimbus.core.function;

import java.time.Instant;

/**
 * How the last update of a function's {@code $LATEST} ended. A refused update leaves the previous
 * revision serving; the next successful update clears the failure.
 *
 * @param status    {@link Status#SUCCESSFUL} or {@link Status#FAILED}
 * @param errorType for a failure, the init error type the candidate revision failed with, e.g.
 *                  {@code Runtime.ExitError}; null when successful
 * @param message   for a failure, the init error's message; null when successful
 * @param at        when the update ended
 */
public record LastUpdate(Status status, String errorType, String message, Instant at) {

    public enum Status { SUCCESSFUL, FAILED }

    public static LastUpdate successful(Instant at) {
        return new LastUpdate(Status.SUCCESSFUL, null, null, at);
    }

    public static LastUpdate failed(String errorType, String message, Instant at) {
        return new LastUpdate(Status.FAILED, errorType, message, at);
    }

    /** For a failure {@code errorType: message}, e.g. {@code Runtime.ExitError: exit status 1}; else null. */
    public String reason() {
        return status == Status.SUCCESSFUL ? null : errorType + ": " + message;
    }
}
