package dev.nimbus.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.runtime.java.context.ContextFactory;
import dev.nimbus.runtime.java.context.FunctionInfo;
import dev.nimbus.runtime.java.context.StdoutLogger;
import dev.nimbus.runtime.java.runtimeapi.FakeRuntimeApi;
import dev.nimbus.runtime.java.runtimeapi.FakeRuntimeApi.Request;
import dev.nimbus.runtime.java.runtimeapi.RuntimeApiClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime loop against a fake Runtime API. Each test queues events plus an end marker, runs
 * the loop on the test thread until it returns, then reads what was posted.
 */
class InstanceRuntimeTest {
  private static final long NOW = 4102444800000L - 3_000;

  private FakeRuntimeApi api;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void startApi() throws Exception {
    api = FakeRuntimeApi.start();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void answersEachEventAndKeepsServing() throws Exception {
    api.event("req-1", "{\"name\":\"Ada\"}").event("req-2", "{\"name\":\"Bob\"}").endOfEvents();

    assertThat(run("example.HelloHandler")).isEqualTo(1);

    assertNext(api.nextRequest());
    assertResponse(api.nextRequest(), "req-1", "{\"message\":\"hello Ada\",\"requestId\":\"req-1\"}");
    assertNext(api.nextRequest());
    assertResponse(api.nextRequest(), "req-2", "{\"message\":\"hello Bob\",\"requestId\":\"req-2\"}");
    assertNext(api.nextRequest());
    assertThat(api.pendingRequests()).isZero();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("test over");
  }

  @Test
  void postsHandlerExceptionsAndKeepsServing() throws Exception {
    api.event("req-1", "{\"value\":42}").event("req-2", "{\"kind\":\"null-message\"}")
        .endOfEvents();

    assertThat(run("example.Failing")).isEqualTo(1);

    assertNext(api.nextRequest());
    Request error = api.nextRequest();
    assertThat(error.path()).isEqualTo("/2018-06-01/runtime/invocation/req-1/error");
    assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.UserException");
    assertThat(error.body()).startsWith("{\"errorMessage\":\"bad input: 42\","
        + "\"errorType\":\"java.lang.IllegalArgumentException\","
        + "\"stackTrace\":[\"example.Failing.handleRequest(Failing.java:");
    assertThat(error.body()).doesNotContain("dev.nimbus");
    assertNext(api.nextRequest());
    assertThat(api.nextRequest().body()).startsWith(
        "{\"errorMessage\":\"java.lang.UnsupportedOperationException\","
            + "\"errorType\":\"java.lang.UnsupportedOperationException\"");
    assertNext(api.nextRequest());
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("bad input: 42: java.lang.IllegalArgumentException\n"
            + "java.lang.IllegalArgumentException: bad input: 42\n\tat example.Failing");
  }

  @Test
  void flushesStdoutBeforePosting() throws Exception {
    PrintStream original = System.out;
    StringBuilder flushed = new StringBuilder();
    PrintStream buffered = new PrintStream(new OutputStream() {
      private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        pending.write(b);
      }

      @Override
      public void flush() {
        synchronized (flushed) {
          flushed.append(pending.toString(StandardCharsets.UTF_8));
        }
        pending.reset();
      }
    }, false, StandardCharsets.UTF_8);
    System.setOut(buffered);
    try {
      api.event("req-1", "{\"print\":true}").endOfEvents();
      run("example.Failing");
    } finally {
      System.setOut(original);
    }
    api.nextRequest();
    api.nextRequest();
    synchronized (flushed) {
      assertThat(flushed.toString()).contains("about to fail");
    }
  }

  @Test
  void outOfMemoryIsPostedThenTheInstanceExits() throws Exception {
    api.event("req-1", "{\"kind\":\"oom\"}").event("req-2", "{}");

    assertThat(run("example.Failing")).isEqualTo(1);

    assertNext(api.nextRequest());
    Request error = api.nextRequest();
    assertThat(error.path()).endsWith("/req-1/error");
    assertThat(error.body()).contains("\"errorType\":\"java.lang.OutOfMemoryError\"");
    assertThat(api.pendingRequests()).as("no /next after a fatal error").isZero();
  }

  @Test
  void initFailurePostsInitErrorAndExits() throws Exception {
    api.event("req-1", "{}");

    assertThat(run("example.ConstructorThrows")).isEqualTo(1);

    Request init = api.nextRequest();
    assertThat(init.path()).isEqualTo("/2018-06-01/runtime/init/error");
    assertThat(init.header("Lambda-Runtime-Function-Error-Type"))
        .isEqualTo("Runtime.BadFunctionCode");
    assertThat(init.body())
        .isEqualTo("{\"errorMessage\":\"no config\",\"errorType\":\"java.lang.IllegalStateException\"}");
    assertThat(api.pendingRequests()).isZero();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("no config");
  }

  @Test
  void missingClassFailsEveryInvocationButTheInstanceLives() throws Exception {
    api.event("req-1", "{}").event("req-2", "{}").endOfEvents();

    assertThat(run("example.Missing::handle")).isEqualTo(1);

    for (String id : new String[] {"req-1", "req-2"}) {
      assertNext(api.nextRequest());
      Request error = api.nextRequest();
      assertThat(error.path()).endsWith("/" + id + "/error");
      assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
          .isEqualTo("Runtime.BadFunctionCode");
      assertThat(error.body()).isEqualTo("{\"errorMessage\":\"Class not found: example.Missing\","
          + "\"errorType\":\"java.lang.ClassNotFoundException\"}");
    }
    assertNext(api.nextRequest());
  }

  @Test
  void handsTheHandlerItsContextAndTraceHeader() throws Exception {
    api.event("req-1", "{}",
        "Lambda-Runtime-Trace-Id", "Root=1-abc;Sampled=1",
        "Lambda-Runtime-Client-Context", "{\"client\":{\"app_title\":\"Notes\"}}",
        "Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"id-1\"}")
        .event("req-2", "{}")
        .endOfEvents();

    run("example.ContextEcho");

    api.nextRequest();
    assertResponse(api.nextRequest(), "req-1", "{\"requestId\":\"req-1\","
        + "\"arn\":\"arn:aws:lambda:us-east-1:000000000000:function:test\","
        + "\"function\":\"echo\",\"version\":\"7\",\"memory\":256,\"remaining\":3000,"
        + "\"trace\":\"Root=1-abc;Sampled=1\",\"app\":\"Notes\",\"identity\":\"id-1\","
        + "\"loader\":\"function\"}");
    api.nextRequest();
    assertThat(api.nextRequest().body()).doesNotContain("trace").doesNotContain("app");
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("logged via context");
  }

  @Test
  void survivesARefusedResponseButNotAServerError() throws Exception {
    api.answerPostsWith(413, 500).event("req-1", "{\"name\":\"x\"}").event("req-2", "{}");

    assertThat(run("example.HelloHandler")).isEqualTo(1);

    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("refused the result of req-1 with HTTP 413")
        .contains("HTTP 500 for req-2, exiting");
    assertThat(api.pendingRequests()).isEqualTo(4);
  }

  private int run(String handler) throws Exception {
    FunctionInfo function = new FunctionInfo("echo", "7", 256, "/aws/lambda/echo", "stream");
    PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
    ContextFactory contexts = ContextFactory.create(function,
        StdoutLogger.create(new PrintStream(OutputStream.nullOutputStream()), null),
        InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (RuntimeApiClient client = RuntimeApiClient.connect(api.address());
        URLClassLoader loader = new URLClassLoader("function", new java.net.URL[0],
            getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      return new InstanceRuntime(client, contexts, logStream).run(handler, loader);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      System.clearProperty(InstanceRuntime.TRACE_PROPERTY);
    }
  }

  private static void assertNext(Request request) {
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/2018-06-01/runtime/invocation/next");
  }

  private static void assertResponse(Request request, String id, String body) {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/2018-06-01/runtime/invocation/" + id + "/response");
    assertThat(request.body()).isEqualTo(body);
    assertThat(Map.of("ct", request.header("Content-Type")))
        .containsEntry("ct", "application/json");
  }
}
