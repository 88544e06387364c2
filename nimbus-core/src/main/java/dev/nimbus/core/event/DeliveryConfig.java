package dev.nimbus.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nimbus.core.function.ValidationException;

/**
 * How the asynchronous invocations of one function, subscription or schedule are delivered, where
 * it differs from the server's defaults (Lambda's event invoke configuration and dead-letter
 * configuration in one). A null field takes the server's default.
 *
 * @param maxRetries    retries after a function error, 0-2
 * @param maxAgeSeconds the oldest an event may be and still be tried, 60 to 21,600 seconds
 * @param onSuccess     receives a record of each successful invocation, or null
 * @param onFailure     receives a record of each invocation given up on, or null
 * @param deadLetter    a topic that receives the original event of each invocation given up on, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryConfig(Integer maxRetries, Integer maxAgeSeconds, Destination onSuccess, Destination onFailure,
                             Destination deadLetter) {
    public static final DeliveryConfig NONE = new DeliveryConfig(null, null, null, null, null);

    @JsonCreator
    public DeliveryConfig(@JsonProperty("maxRetries") Integer maxRetries,
                          @JsonProperty("maxAgeSeconds") Integer maxAgeSeconds,
                          @JsonProperty("onSuccess") Destination onSuccess,
                          @JsonProperty("onFailure") Destination onFailure,
                          @JsonProperty("deadLetter") Destination deadLetter) {
        if (maxRetries != null && (maxRetries < 0 || maxRetries > 2)) {
            throw new ValidationException("maxRetries", "must be between 0 and 2, was " + maxRetries);
        }
        if (maxAgeSeconds != null && (maxAgeSeconds < 60 || maxAgeSeconds > 21_600)) {
            throw new ValidationException("maxAgeSeconds", "must be between 60 and 21600, was " + maxAgeSeconds);
        }
        if (deadLetter != null && deadLetter.kind() != Destination.Kind.TOPIC) {
            throw new ValidationException("deadLetter", "must be a topic (topic:NAME), was " + deadLetter);
        }
        this.maxRetries = maxRetries;
        this.maxAgeSeconds = maxAgeSeconds;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
        this.deadLetter = deadLetter;
    }

    /** True if it sets nothing (Lambda refuses such a configuration). */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }
}
