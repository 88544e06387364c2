package dev.nimbus.core.function;

import java.time.Instant;

/**
 * A function URL: a dedicated HTTP endpoint for a function or one of its aliases.
 *
 * @param function   function name
 * @param qualifier  alias name, or null for the unqualified function
 * @param urlId      32 lowercase alphanumerics naming the URL
 * @param authType   {@code NONE} or {@code AWS_IAM}
 * @param cors       the CORS settings as the Lambda API's JSON object, or null
 * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}
 * @param createdAt  creation time
 * @param updatedAt  last change
 */
public record FunctionUrl(String function, String qualifier, String urlId, String authType, String cors,
                          String invokeMode, Instant createdAt, Instant updatedAt) {
}
