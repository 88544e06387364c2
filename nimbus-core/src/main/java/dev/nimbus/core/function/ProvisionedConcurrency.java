package dev.nimbus.core.function;

import java.time.Instant;

/**
 * Instances a published version or an alias keeps started and initialised, so that its first
 * invocations are warm (Lambda's provisioned concurrency). Never on {@code $LATEST}.
 *
 * @param function  function name
 * @param qualifier a published version number or an alias name
 * @param requested instances asked for, 1..the function's concurrency
 * @param updatedAt last change
 */
public record ProvisionedConcurrency(String function, String qualifier, int requested, Instant updatedAt) {
}
