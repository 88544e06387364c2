package dev.nimbus.sandbox.pool;

import java.time.Duration;

/**
 * Instance pool settings.
 *
 * @param idleTimeout  an instance idle this long is stopped
 * @param queueTimeout how long an invocation waits for capacity when its function is at its
 *                     concurrency limit before it is throttled
 * @param queueDepth   how many invocations may wait per function; beyond it they are throttled at once
 * @param initTimeout  how long a runtime may take to start and ask for its first event
 */
public record PoolConfig(Duration idleTimeout, Duration queueTimeout, int queueDepth, Duration initTimeout) {
    public PoolConfig {
        requirePositive("idleTimeout", idleTimeout);
        if (queueTimeout == null || queueTimeout.isNegative()) {
            throw new IllegalArgumentException("queueTimeout must be zero or more, was " + queueTimeout);
        }
        if (queueDepth < 0 || queueDepth > 100_000) {
            throw new IllegalArgumentException("queueDepth must be between 0 and 100000, was " + queueDepth);
        }
        requirePositive("initTimeout", initTimeout);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
