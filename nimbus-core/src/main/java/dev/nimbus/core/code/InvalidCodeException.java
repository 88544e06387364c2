package dev.nimbus.core.code;

/** A code archive was refused; the message is safe to show to the user. */
public final class InvalidCodeException extends RuntimeException {
    public InvalidCodeException(String message) {
        super(message);
    }
}
