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
 * @param runtimeApiSocket {@code NIMBUS_RUNTIME_API_SOCKET}: a Unix socket reaching the same
 *                   endpoint directly, in a sandbox without a network; null to use {@code runtimeApi}
 */
public record RuntimeSettings(
    String runtimeApi, String handler, File taskRoot, FunctionInfo function, String runtimeApiSocket) {

  public RuntimeSettings {
    if (runtimeApi == null || runtimeApi.isBlank()) {
      throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be set to host:port");
    }
    if (taskRoot == null || function == null) {
      throw new IllegalArgumentException("taskRoot and function must not be null");
    }
    if (runtimeApiSocket != null && runtimeApiSocket.isBlank()) {
      runtimeApiSocket = null;
    }
  }

  /** Settings that reach the Runtime API at {@code runtimeApi} over TCP. */
  public RuntimeSettings(String runtimeApi, String handler, File taskRoot, FunctionInfo function) {
    this(runtimeApi, handler, taskRoot, function, null);
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
        FunctionInfo.fromEnvironment(env), env.get("NIMBUS_RUNTIME_API_SOCKET"));
  }
}
