package dev.nimbus.gateway.lambda;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long a throttled {@code Event} invocation waits before its next attempt: "full jitter", a
 * uniformly random delay between zero and a ceiling of 1 s doubling per attempt up to 5 min, so
 * that many invocations throttled at once do not all come back at once. Attempt 0 waits up to
 * 1 s, attempt 3 up to 8 s, attempt 8 up to 256 s, attempt 9 and later up to 300 s; with a random
 * fraction of 0.25, attempt 3 waits 2 s.
 */
final class Backoff {
    static final Duration BASE = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofMinutes(5);

    private final DoubleSupplier random;

    /** @param random fractions in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} throttles before this one. */
    Duration next(int attempt) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
    }

    static Duration ceiling(int attempt) {
        // 2^9 s = 512 s is past the cap; stopping the shift there also keeps it from overflowing
        return attempt >= 9 ? CAP : min(BASE.multipliedBy(1L << Math.max(0, attempt)), CAP);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
