package dev.nimbus.runtime.java;

import dev.nimbus.runtime.java.context.FunctionInfo;
import java.io.File;
import java.util.Map;

/**
 * What an instance JVM is told at start.
 *
 * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API}, {@code host:port}
 * @param handler    {@code args[0]}, else {@code _HANDLER}; may be malformed (reported per invocation)
 * @param taskRoot   the function's code directory: the working directory, as for the AWS runtime
 * @param function   per-function values for the {@code Context}
 */
public record RuntimeSettings(
    String runtimeApi, String handler, File taskRoot, FunctionInfo function) {

  public RuntimeSettings {
    if (runtimeApi == null || runtimeApi.isBlank()) {
      throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be set to host:port");
    }
    if (taskRoot == null || function == null) {
      throw new IllegalArgumentException("taskRoot and function must not be null");
    }
  }

  /**
   * @param args    the command line; {@code args[0]} is the handler
   * @param env     the process environment
   * @param userDir the {@code user.dir} system property
   * @throws IllegalArgumentException if a variable is missing or malformed
   */
  public static RuntimeSettings from(String[] args, Map<String, String> env, String userDir) {
    String handler = args.length > 0 ? args[0] : env.get("_HANDLER");
    return new RuntimeSettings(env.get("AWS_LAMBDA_RUNTIME_API"), handler, new File(userDir),
        FunctionInfo.fromEnvironment(env));
  }
}
