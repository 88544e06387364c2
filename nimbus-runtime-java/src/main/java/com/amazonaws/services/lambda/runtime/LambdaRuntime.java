package com.amazonaws.services.lambda.runtime;

import dev.nimbus.runtime.java.context.StdoutLogger;

/**
 * Nimbus's build of {@code aws-lambda-java-core} 1.4.0's {@code LambdaRuntime}, with the same
 * public API; the runtime jar carries it instead of the original. The global logger is the
 * runtime's stdout logger from the start (level prefixes and {@code AWS_LAMBDA_LOG_LEVEL}
 * filtering, as {@code Context.getLogger()}), where the AWS runtime swaps it in by reflection, a
 * step that costs a cold JVM about 7 ms.
 */
public final class LambdaRuntime {
  private static volatile LambdaLogger logger =
      StdoutLogger.forSystemOut(System.getenv("AWS_LAMBDA_LOG_LEVEL"));

  private LambdaRuntime() {}

  /** Returns the global Lambda logger. */
  public static LambdaLogger getLogger() {
    return logger;
  }
}
