package dev.nimbus.gateway;

/**
 * Gateway settings.
 *
 * @param asyncQueueDepth  most {@code Event} invocations waiting to run; more are answered 429
 * @param asyncQueueBytes  most payload bytes of waiting {@code Event} invocations; more are answered 429
 * @param asyncConcurrency how many {@code Event} invocations run at once
 */
public record GatewayConfig(int asyncQueueDepth, long asyncQueueBytes, int asyncConcurrency) {
    public GatewayConfig {
        if (asyncQueueDepth < 1 || asyncQueueDepth > 1_000_000) {
            throw new IllegalArgumentException("asyncQueueDepth must be between 1 and 1000000, was " + asyncQueueDepth);
        }
        if (asyncQueueBytes < 1024 * 1024 || asyncQueueBytes > 1L << 40) {
            throw new IllegalArgumentException("asyncQueueBytes must be between 1048576 and 2^40, was " + asyncQueueBytes);
        }
        if (asyncConcurrency < 1 || asyncConcurrency > 1000) {
            throw new IllegalArgumentException("asyncConcurrency must be between 1 and 1000, was " + asyncConcurrency);
        }
    }
}
