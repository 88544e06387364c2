package dev.nimbus.runtime.java.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

  @Test
  void handlerExceptionBecomesAUserExceptionWithItsOwnFramesOnly() {
    Throwable thrown = runtimeCalls(() -> example.Methods.class.getMethod("boom", String.class)
        .invoke(new example.Methods(), "x"));

    ErrorReport report = ErrorReport.of(thrown);

    assertThat(report.errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(report.errorMessage()).isEqualTo("boom: x");
    assertThat(report.runtimeErrorType()).isEqualTo("Runtime.UserException");
    assertThat(report.fatal()).isFalse();
    assertThat(report.stackTrace()).first().asString().startsWith("example.Methods.boom(");
    assertThat(report.stackTrace()).noneMatch(line -> line.contains("dev.nimbus.runtime.java."));
    assertThat(report.logText())
        .startsWith("boom: x: java.lang.IllegalStateException\njava.lang.IllegalStateException:");
    assertThat(new String(report.toJson(), StandardCharsets.UTF_8))
        .startsWith("{\"errorMessage\":\"boom: x\",\"errorType\":\"java.lang.IllegalStateException\","
            + "\"stackTrace\":[\"example.Methods.boom(Methods.java:");
  }

  @Test
  void exceptionWithoutMessageReportsItsClassName() {
    ErrorReport report = ErrorReport.of(new UnsupportedOperationException());
    assertThat(report.errorMessage()).isEqualTo("java.lang.UnsupportedOperationException");
  }

  @Test
  void virtualMachineAndIoErrorsEndTheInstance() {
    assertThat(ErrorReport.of(new OutOfMemoryError("heap")).fatal()).isTrue();
    assertThat(ErrorReport.of(new StackOverflowError()).fatal()).isTrue();
    assertThat(ErrorReport.of(new IOError(null)).fatal()).isTrue();
    assertThat(ErrorReport.of(new AssertionError("no")).fatal()).isFalse();
  }

  @Test
  void userFaultIsBadFunctionCodeWithoutStackTrace() {
    ErrorReport report = ErrorReport.of(
        UserFault.classNotFound(new ClassNotFoundException("x.Y"), "x.Y"));
    assertThat(report.runtimeErrorType()).isEqualTo("Runtime.BadFunctionCode");
    assertThat(report.fatal()).isFalse();
    assertThat(new String(report.toJson(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"errorMessage\":\"Class not found: x.Y\",\"errorType\":\"java.lang.ClassNotFoundException\"}");
  }

  @Test
  void faultWithoutTypeLeavesItOut() {
    ErrorReport report = ErrorReport.ofFault(UserFault.of("Invalid handler: `'"));
    assertThat(new String(report.toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"errorMessage\":\"Invalid handler: `'\"}");
    assertThat(report.logText()).isEqualTo("Invalid handler: `'\n");
  }

  interface Call {
    void run() throws Exception;
  }

  /** Calls through a frame in the runtime's package, as the real loop does. */
  private static Throwable runtimeCalls(Call call) {
    try {
      call.run();
      throw new AssertionError("expected a failure");
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      StackTraceElement[] trace = cause.getStackTrace();
      StackTraceElement[] withRuntime = java.util.Arrays.copyOf(trace, trace.length + 1);
      System.arraycopy(trace, 1, withRuntime, 2, trace.length - 1);
      withRuntime[1] = new StackTraceElement("dev.nimbus.runtime.java.InstanceRuntime", "serve",
          "InstanceRuntime.java", 1);
      cause.setStackTrace(withRuntime);
      return cause;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
