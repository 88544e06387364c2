package dev.nimbus.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.runtime.java.context.FunctionInfo;
import dev.nimbus.runtime.java.runtimeapi.FakeRuntimeApi;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {

  @Test
  void servesAHandlerFromTheTaskRootThroughTheWholeWiring(@TempDir Path taskRoot)
      throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
      api.event("req-1", "{\"name\":\"Ada\"}").endOfEvents();
      RuntimeSettings settings = new RuntimeSettings(api.address(), "example.HelloHandler",
          taskRoot.toFile(), new FunctionInfo("f", "1", 128, "g", "s"));

      assertThat(Bootstrap.run(settings)).isEqualTo(1);

      api.nextRequest();
      assertThat(api.nextRequest().body())
          .isEqualTo("{\"message\":\"hello Ada\",\"requestId\":\"req-1\"}");
      assertThat(Thread.currentThread().getContextClassLoader()).isInstanceOf(URLClassLoader.class)
          .isNotSameAs(ClassLoader.getSystemClassLoader());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void takesTheHandlerFromTheCommandLineElseFromTheEnvironment() {
    Map<String, String> env = Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
        "_HANDLER", "from.Env", "AWS_LAMBDA_FUNCTION_NAME", "orders");
    assertThat(RuntimeSettings.from(new String[] {"from.Args"}, env, "/var/task").handler())
        .isEqualTo("from.Args");
    RuntimeSettings settings = RuntimeSettings.from(new String[0], env, "/var/task");
    assertThat(settings.handler()).isEqualTo("from.Env");
    assertThat(settings.taskRoot()).hasToString("/var/task");
    assertThat(settings.function().functionName()).isEqualTo("orders");
  }

  @Test
  void requiresTheRuntimeApiAddress() {
    assertThatThrownBy(() -> RuntimeSettings.from(new String[] {"a.B"}, Map.of(), "/var/task"))
        .hasMessageContaining("AWS_LAMBDA_RUNTIME_API");
  }

  @Test
  void theGlobalLoggerIsTheRuntimesStdoutLogger() {
    assertThat(com.amazonaws.services.lambda.runtime.LambdaRuntime.getLogger())
        .isInstanceOf(dev.nimbus.runtime.java.context.StdoutLogger.class);
  }
}
