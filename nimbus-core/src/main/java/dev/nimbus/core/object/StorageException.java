package dev.nimbus.core.object;

/** A write the object store refused, and why. */
public final class StorageException extends RuntimeException {
    public enum Reason {
        NO_SUCH_BUCKET,
        BUCKET_NOT_EMPTY,
        /** The bytes exceed the limit the caller set. */
        TOO_LARGE
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
