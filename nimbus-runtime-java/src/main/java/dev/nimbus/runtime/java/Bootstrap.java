package dev.nimbus.runtime.java;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import dev.nimbus.runtime.java.context.ContextFactory;
import dev.nimbus.runtime.java.handler.CustomerClassLoader;
import dev.nimbus.runtime.java.runtimeapi.RuntimeApiClient;
import java.net.URLClassLoader;
import java.time.InstantSource;

/**
 * Main class of an instance JVM:
 * {@code java -cp nimbus-runtime-java.jar dev.nimbus.runtime.java.Bootstrap <handler>}, started in
 * the function's code directory with the Lambda environment variables set.
 */
public final class Bootstrap {

  private Bootstrap() {}

  public static void main(String[] args) {
    RuntimeSettings settings;
    try {
      settings = RuntimeSettings.from(args, System.getenv(), System.getProperty("user.dir"));
    } catch (IllegalArgumentException e) {
      System.err.println("nimbus-runtime-java: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(settings));
  }

  /**
   * Wires the runtime for {@code settings} and runs it on the calling thread; returns the exit
   * status when the instance must end. Also the entry of AOT-cache training runs.
   */
  public static int run(RuntimeSettings settings) {
    try (RuntimeApiClient client = RuntimeApiClient.connect(settings.runtimeApi(), settings.runtimeApiSocket())) {
      LambdaLogger logger = LambdaRuntime.getLogger();
      URLClassLoader functionLoader =
          CustomerClassLoader.create(settings.taskRoot(), ClassLoader.getSystemClassLoader());
      Thread.currentThread().setContextClassLoader(functionLoader);
      ContextFactory contexts =
          ContextFactory.create(settings.function(), logger, InstantSource.system());
      return new InstanceRuntime(client, contexts, System.out)
          .run(settings.handler(), functionLoader);
    }
  }
}
