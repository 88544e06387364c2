package dev.nimbus.runtime.java.context;

import java.util.Map;

/**
 * The per-function values a {@code Context} reports, read once from the environment.
 *
 * @param functionName    {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param functionVersion {@code AWS_LAMBDA_FUNCTION_VERSION}
 * @param memoryLimitMb   {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@value #DEFAULT_MEMORY_MB} if unset
 * @param logGroupName    {@code AWS_LAMBDA_LOG_GROUP_NAME}
 * @param logStreamName   {@code AWS_LAMBDA_LOG_STREAM_NAME}
 */
public record FunctionInfo(
    String functionName,
    String functionVersion,
    int memoryLimitMb,
    String logGroupName,
    String logStreamName) {

  public static final int DEFAULT_MEMORY_MB = 128;

  public FunctionInfo {
    if (memoryLimitMb < 1) {
      throw new IllegalArgumentException("memoryLimitMb must be at least 1, got " + memoryLimitMb);
    }
  }

  /**
   * Reads the reserved Lambda variables.
   *
   * @throws IllegalArgumentException if the memory size is set but not a positive integer
   */
  public static FunctionInfo fromEnvironment(Map<String, String> env) {
    String memory = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    int memoryMb = DEFAULT_MEMORY_MB;
    if (memory != null && !memory.isBlank()) {
      try {
        memoryMb = Integer.parseInt(memory.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be an integer number of MB, got: " + memory);
      }
    }
    return new FunctionInfo(
        env.get("AWS_LAMBDA_FUNCTION_NAME"),
        env.get("AWS_LAMBDA_FUNCTION_VERSION"),
        memoryMb,
        env.get("AWS_LAMBDA_LOG_GROUP_NAME"),
        env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
  }
}
