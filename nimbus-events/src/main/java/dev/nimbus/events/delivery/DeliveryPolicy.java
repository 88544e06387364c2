package dev.nimbus.events.delivery;

import dev.nimbus.core.event.DeliveryConfig;
import java.time.Duration;

/**
 * How hard Nimbus tries to deliver an event. Function errors (an error answer, a timeout, an init
 * failure) use up attempts: after {@code maxRetries} retries the event is dead-lettered.
 * Throttling and platform faults are retried without using attempts. Any event older than
 * {@code maxAge} is dead-lettered instead of tried again. Delays grow from {@code retryBase}
 * (doubling per attempt, at most {@code retryCap}) with jitter.
 *
 * @param maxRetries retries after the first attempt, 0-2 (2, as Lambda)
 * @param maxAge     60 s to 6 h (6 h, as Lambda)
 * @param retryBase  first delay, 10 ms to 5 min
 * @param retryCap   longest delay, at least {@code retryBase}, at most 1 h
 */
public record DeliveryPolicy(int maxRetries, Duration maxAge, Duration retryBase, Duration retryCap) {
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(2, Duration.ofHours(6), Duration.ofSeconds(10),
            Duration.ofMinutes(5));

    public DeliveryPolicy {
        if (maxRetries < 0 || maxRetries > 2) {
            throw new IllegalArgumentException("maxRetries must be between 0 and 2, was " + maxRetries);
        }
        if (maxAge.compareTo(Duration.ofSeconds(60)) < 0 || maxAge.compareTo(Duration.ofHours(6)) > 0) {
            throw new IllegalArgumentException("maxAge must be between 60s and 6h, was " + maxAge);
        }
        if (retryBase.compareTo(Duration.ofMillis(10)) < 0 || retryBase.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("retryBase must be between 10ms and 5m, was " + retryBase);
        }
        if (retryCap.compareTo(retryBase) < 0 || retryCap.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("retryCap must be between retryBase and 1h, was " + retryCap);
        }
    }

    /** This policy with the retries and maximum age {@code config} sets, where it sets them. */
    public DeliveryPolicy with(DeliveryConfig config) {
        return new DeliveryPolicy(config.maxRetries() == null ? maxRetries : config.maxRetries(),
                config.maxAgeSeconds() == null ? maxAge : Duration.ofSeconds(config.maxAgeSeconds()), retryBase, retryCap);
    }

    /**
     * The delay before the next try after {@code failures} failed ones (1 for the first retry), with
     * "equal jitter": half of {@code min(cap, base × 2^(failures-1))} plus a random part of the other
     * half, so that events failing together do not come back together. {@code random} in [0, 1).
     */
    public Duration delay(int failures, double random) {
        int doublings = Math.min(Math.max(0, failures - 1), 30);
        long ceiling = Math.min(retryCap.toMillis(), retryBase.toMillis() << Math.min(doublings, 20));
        return Duration.ofMillis(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
    }
}
