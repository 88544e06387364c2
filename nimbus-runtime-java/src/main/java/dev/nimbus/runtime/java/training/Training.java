package dev.nimbus.runtime.java.training;

import dev.nimbus.runtime.java.Bootstrap;
import dev.nimbus.runtime.java.RuntimeSettings;
import dev.nimbus.runtime.java.context.FunctionInfo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Main class of an AOT-cache training run. It serves {@code rounds} events (default
 * {@value #DEFAULT_ROUNDS}) to each training handler through {@link Bootstrap#run}, then exits
 * normally, which is when the JVM writes the cache:
 *
 * <pre>
 * java -XX:AOTCacheOutput=nimbus-runtime-java.aot -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
 *      -cp nimbus-runtime-java.jar dev.nimbus.runtime.java.training.Training [rounds]
 * </pre>
 *
 * <p>With {@code plain} as second argument only the handlers that need no Jackson run, which
 * gives a smaller cache for platforms that mostly host map/string handlers.
 */
public final class Training {
  static final int DEFAULT_ROUNDS = 100;
  private static final String PACKAGE = "dev.nimbus.runtime.java.training.";

  private Training() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    boolean plainOnly = args.length > 1 && args[1].equals("plain");
    List<String> handlers = plainOnly
        ? List.of(PACKAGE + "TrainingHandlers$MapHandler",
            PACKAGE + "TrainingHandlers$StreamHandler",
            PACKAGE + "TrainingHandlers::text")
        : List.of(PACKAGE + "TrainingHandlers$MapHandler",
            PACKAGE + "TrainingHandlers$StreamHandler",
            PACKAGE + "TrainingHandlers::text",
            PACKAGE + "TrainingHandlers$PojoHandler",
            PACKAGE + "TrainingHandlers::pojo");
    File taskRoot = Files.createTempDirectory("nimbus-training").toFile();
    try {
      for (String handler : handlers) {
        try (TrainingRuntimeApi api = TrainingRuntimeApi.start(rounds, handler.endsWith("::text"))) {
          Bootstrap.run(new RuntimeSettings(api.address(), handler, taskRoot,
              new FunctionInfo("training", "$LATEST", 128, "/aws/lambda/training", "training")));
        }
      }
    } finally {
      Files.deleteIfExists(taskRoot.toPath());
    }
    System.exit(0);
  }
}
