package dev.nimbus.runtime.java.handler;

import dev.nimbus.runtime.java.failure.UserFault;

/**
 * The outcome of loading the handler at init: a handler to serve invocations with (possibly one
 * that reports a non-fatal fault on each invocation, like a missing class), or an init failure
 * the runtime must post to {@code /runtime/init/error} before exiting.
 */
public sealed interface LoadResult {

  record Ready(Handler handler) implements LoadResult {}

  record InitFailure(UserFault fault) implements LoadResult {}
}
