package dev.nimbus.controlplane.function;

/** What a {@link RolloutGate} decided about a candidate revision. */
public sealed interface GateResult {

    GateResult ADMITTED = new Admitted();

    /** The candidate's instances initialised (or none were needed). */
    record Admitted() implements GateResult {
    }

    /**
     * An instance of the candidate failed to initialise.
     *
     * @param errorType the init error's type, e.g. {@code Runtime.ExitError} or {@code Runtime.InitTimeout}
     * @param message   the init error's message
     */
    record Refused(String errorType, String message) implements GateResult {
        public Refused {
            errorType = errorType == null || errorType.isBlank() ? "Runtime.Unknown" : errorType;
            message = message == null ? "" : message;
        }
    }
}
