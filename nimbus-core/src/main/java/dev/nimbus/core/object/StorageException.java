package dev.nimbus.core.object;

/** A write the object store refused, and why. */
public final class StorageException extends RuntimeException {
    public enum Reason {
        NO_SUCH_BUCKET,
        BUCKET_NOT_EMPTY,
        /** The bytes exceed the limit the caller set. */
        TOO_LARGE,
        /** A write required an object ({@code If-Match}) and the key holds none. */
        NO_SUCH_KEY,
        /** A write's {@link Precondition} did not hold; the message names it, e.g. {@code If-None-Match}. */
        PRECONDITION_FAILED
    }

    private final Reason reason;

    public StorageException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
