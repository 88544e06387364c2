package dev.nimbus.runtime.java.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRuntimeApiClientTest {

  @Test
  void readsEveryInvocationHeaderAndThePayload() throws Exception {
    try (FakeRuntimeApi api = FakeRuntimeApi.start();
        RuntimeApiClient client = RuntimeApiClient.connect(api.address())) {
      api.event("req-1", "{\"é\":1}",
          "Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1",
          "Lambda-Runtime-Client-Context", "{\"custom\":{\"k\":\"v\"}}",
          "Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"id\"}",
          "Lambda-Runtime-Aws-Tenant-Id", "t-1");

      Invocation invocation = client.next();

      assertThat(invocation.requestId()).isEqualTo("req-1");
      assertThat(invocation.deadlineMs()).isEqualTo(4102444800000L);
      assertThat(invocation.invokedFunctionArn()).endsWith(":function:test");
      assertThat(invocation.traceId()).startsWith("Root=1-5bef4de7");
      assertThat(invocation.clientContext()).isEqualTo("{\"custom\":{\"k\":\"v\"}}");
      assertThat(invocation.cognitoIdentity()).isEqualTo("{\"cognitoIdentityId\":\"id\"}");
      assertThat(invocation.tenantId()).isEqualTo("t-1");
      assertThat(new String(invocation.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"é\":1}");
    }
  }

  @Test
  void postsResponsesAndErrorsOnOneKeptAliveConnection() throws Exception {
    try (FakeRuntimeApi api = FakeRuntimeApi.start();
        RuntimeApiClient client = RuntimeApiClient.connect(api.address())) {
      api.event("a/b c", "{}");
      client.next();
      byte[] body = "[1,2]xx".getBytes(StandardCharsets.UTF_8);
      assertThat(client.postResponse("a/b c", body, 5)).isEqualTo(202);
      assertThat(client.postError("id-2", "{\"errorMessage\":\"m\"}".getBytes(),
          RuntimeApiClient.USER_EXCEPTION)).isEqualTo(202);

      FakeRuntimeApi.Request next = api.nextRequest();
      FakeRuntimeApi.Request response = api.nextRequest();
      FakeRuntimeApi.Request error = api.nextRequest();
      assertThat(next.path()).isEqualTo("/2018-06-01/runtime/invocation/next");
      assertThat(response.path()).isEqualTo("/2018-06-01/runtime/invocation/a%2Fb%20c/response");
      assertThat(response.body()).isEqualTo("[1,2]");
      assertThat(response.header("Content-Type")).isEqualTo("application/json");
      assertThat(error.path()).isEqualTo("/2018-06-01/runtime/invocation/id-2/error");
      assertThat(error.header("Lambda-Runtime-Function-Error-Type"))
          .isEqualTo("Runtime.UserException");
      assertThat(error.body()).isEqualTo("{\"errorMessage\":\"m\"}");
      assertThat(response.clientPort()).isEqualTo(next.clientPort()).isEqualTo(error.clientPort());
    }
  }

  @Test
  void postsInitErrors() throws Exception {
    try (FakeRuntimeApi api = FakeRuntimeApi.start();
        RuntimeApiClient client = RuntimeApiClient.connect(api.address())) {
      client.postInitError("{}".getBytes(), RuntimeApiClient.BAD_FUNCTION_CODE);
      FakeRuntimeApi.Request request = api.nextRequest();
      assertThat(request.path()).isEqualTo("/2018-06-01/runtime/init/error");
      assertThat(request.header("Lambda-Runtime-Function-Error-Type"))
          .isEqualTo("Runtime.BadFunctionCode");
    }
  }

  @Test
  void readsChunkedBodies() throws Exception {
    try (FakeRuntimeApi api = FakeRuntimeApi.start();
        RuntimeApiClient client = RuntimeApiClient.connect(api.address())) {
      String payload = "x".repeat(100_000);
      api.chunkedEvent("c-1", payload).event("c-2", "{}");
      assertThat(new String(client.next().payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
      assertThat(client.next().requestId()).isEqualTo("c-2");
    }
  }

  @Test
  void failsWhenNextIsRefused() throws Exception {
    try (FakeRuntimeApi api = FakeRuntimeApi.start().endOfEvents();
        RuntimeApiClient client = RuntimeApiClient.connect(api.address())) {
      assertThatThrownBy(client::next)
          .isInstanceOfSatisfying(RuntimeApiException.class, e -> assertThat(e.status()).isEqualTo(500))
          .hasMessageContaining("test over");
    }
  }

  @Test
  void retriesOnceWhenTheServerClosedAnIdleConnection() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        RuntimeApiClient client = RuntimeApiClient.connect("127.0.0.1:" + server.getLocalPort())) {
      CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
        try {
          try (Socket first = server.accept()) {
            answer(first, "one");
          }
          try (Socket second = server.accept()) {
            answer(second, "two");
          }
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      assertThat(client.next().requestId()).isEqualTo("one");
      assertThat(client.next().requestId()).isEqualTo("two");
      serving.join();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: x\r\nContent-Length: 6291557\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
      "garbage\r\n\r\n"})
  void rejectsOversizedOrMalformedAnswers(String raw) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        RuntimeApiClient client = RuntimeApiClient.connect("127.0.0.1:" + server.getLocalPort())) {
      CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
        try (Socket socket = server.accept()) {
          readHead(socket.getInputStream());
          socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
          socket.getOutputStream().flush();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      assertThatThrownBy(client::next).isInstanceOf(IOException.class);
      serving.join();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "9001", "host:", ":9001", "http://host:9001", "host:0", "host:x",
      "host:70000"})
  void rejectsBadAddresses(String address) {
    assertThatThrownBy(() -> RuntimeApiClient.connect(address))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void answer(Socket socket, String requestId) throws IOException {
    readHead(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    out.write(("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: " + requestId
        + "\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void readHead(InputStream in) throws IOException {
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
          ? state + 1 : 0;
    }
  }
}
