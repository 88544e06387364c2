package dev.nimbus.core.function;

/** A user-supplied value is invalid; {@link #field()} names it and the message gives the allowed values. */
public final class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
