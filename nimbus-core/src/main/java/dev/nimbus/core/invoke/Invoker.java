package dev.nimbus.core.invoke;

/**
 * Runs invocations. Blocks the calling (virtual) thread until the result is known; never throws
 * for a function's own failure: every outcome is an {@link InvocationResult}.
 */
public interface Invoker {

    InvocationResult invoke(InvocationRequest request);
}
