package dev.nimbus.sandbox.pool;

import java.time.Duration;

/**
 * Instance pool settings.
 *
 * @param queueTimeout   how long an invocation waits for an instance (one starting for it, or a
 *                       busy one at the function's maximum) before it is throttled
 * @param queueDepth     how many invocations may wait per function revision; beyond it they are throttled at once
 * @param initTimeout    how long a runtime may take to start and ask for its first event
 * @param maxInstances   instances this node runs at once, over all functions
 * @param maxMemoryMb    declared function memory this node runs at once, over all instances
 */
public record PoolConfig(Duration queueTimeout, int queueDepth, Duration initTimeout, int maxInstances,
                         long maxMemoryMb) {
    public PoolConfig {
        if (queueTimeout == null || queueTimeout.isNegative()) {
            throw new IllegalArgumentException("queueTimeout must be zero or more, was " + queueTimeout);
        }
        if (queueDepth < 0 || queueDepth > 100_000) {
            throw new IllegalArgumentException("queueDepth must be between 0 and 100000, was " + queueDepth);
        }
        if (initTimeout == null || initTimeout.isZero() || initTimeout.isNegative()) {
            throw new IllegalArgumentException("initTimeout must be positive, was " + initTimeout);
        }
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, was " + maxInstances);
        }
        if (maxMemoryMb < 128) {
            throw new IllegalArgumentException("maxMemoryMb must be at least 128, was " + maxMemoryMb);
        }
    }
}
