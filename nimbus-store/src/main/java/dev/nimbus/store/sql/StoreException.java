package dev.nimbus.store.sql;

/**
 * A database operation failed (I/O, lock timeout, broken schema). The message names the operation;
 * the cause carries the driver's detail, which is for operators' logs, not for API users.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
