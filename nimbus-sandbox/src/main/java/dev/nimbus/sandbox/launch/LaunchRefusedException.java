package dev.nimbus.sandbox.launch;

/**
 * An instance that cannot start as its function is configured (a provided function without an
 * executable bootstrap, egress asked of a server that cannot give it): an init error of the
 * function, of type {@link #errorType()}, not a fault of Nimbus.
 */
public final class LaunchRefusedException extends RuntimeException {
    private final String errorType;

    public LaunchRefusedException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** The Lambda-style error type the caller sees, e.g. {@code Runtime.InvalidEntrypoint}. */
    public String errorType() {
        return errorType;
    }
}
