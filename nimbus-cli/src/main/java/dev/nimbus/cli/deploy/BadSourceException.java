package dev.nimbus.cli.deploy;

/** The code to deploy or its {@code nimbus.yaml} cannot be used; the message says why, for the user. */
final class BadSourceException extends RuntimeException {

    BadSourceException(String message) {
        super(message, null, false, false);
    }
}
