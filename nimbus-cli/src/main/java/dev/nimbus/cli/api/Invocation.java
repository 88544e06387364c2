package dev.nimbus.cli.api;

import java.util.Optional;

/**
 * The answer to an invoke call that reached the function.
 *
 * @param requestId     invocation id from {@code X-Nimbus-Request-Id}, or empty
 * @param functionError the function's error type from {@code X-Nimbus-Function-Error} when it failed
 * @param body          what the function returned, or its error document
 */
public record Invocation(Optional<String> requestId, Optional<String> functionError, byte[] body) {
}
