package dev.nimbus.runtime.java.runtimeapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-test Runtime API on a loopback port: hands out queued events on {@code GET /next} and
 * records every POST. {@link #endOfEvents()} makes the next {@code /next} answer 500, which ends
 * the runtime loop, so tests run the loop on their own thread and need no sleeps.
 *
 * <p>Threading: each exchange runs on its own virtual thread; queues carry data between them and
 * the test thread.
 */
public final class FakeRuntimeApi implements AutoCloseable {

  /** A request the runtime made, with its body and the client port it came from. */
  public record Request(String method, String path, Map<String, String> headers, String body,
      int clientPort) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private record Event(int status, Map<String, String> headers, String body, boolean chunked) {}

  private static final Event END = new Event(500,
      Map.of("Content-Type", "application/json"),
      "{\"errorType\":\"InternalServerError\",\"errorMessage\":\"test over\"}", false);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<Integer> postStatuses = new LinkedBlockingQueue<>();
  private volatile int lastPostStatus = 202;

  private FakeRuntimeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/2018-06-01/runtime/", this::handle);
    server.start();
  }

  public static FakeRuntimeApi start() throws IOException {
    return new FakeRuntimeApi();
  }

  /** {@code host:port} as for {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues an event with request id {@code id}, a deadline and the given extra headers. */
  public FakeRuntimeApi event(String id, String payload, String... headerPairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Lambda-Runtime-Aws-Request-Id", id);
    headers.put("Lambda-Runtime-Deadline-Ms", "4102444800000");
    headers.put("Lambda-Runtime-Invoked-Function-Arn",
        "arn:aws:lambda:us-east-1:000000000000:function:test");
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    events.add(new Event(200, headers, payload, false));
    return this;
  }

  /** Queues an event whose body comes chunked rather than with a Content-Length. */
  public FakeRuntimeApi chunkedEvent(String id, String payload) {
    events.add(new Event(200, Map.of("Lambda-Runtime-Aws-Request-Id", id), payload, true));
    return this;
  }

  /** After the queued events, {@code /next} answers 500 and the runtime exits its loop. */
  public FakeRuntimeApi endOfEvents() {
    events.add(END);
    return this;
  }

  /** The statuses the next POSTs get, in order; the last one repeats. */
  public FakeRuntimeApi answerPostsWith(int... statuses) {
    for (int status : statuses) {
      postStatuses.add(status);
    }
    return this;
  }

  /** The next request the runtime made; fails after 10 s rather than hang a broken test. */
  public Request nextRequest() throws InterruptedException {
    Request request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the runtime made no further request");
    }
    return request;
  }

  /** Requests made so far and not yet taken. */
  public int pendingRequests() {
    return requests.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        headers, body, exchange.getRemoteAddress().getPort()));
    if (exchange.getRequestMethod().equals("GET")) {
      Event event;
      try {
        event = events.take();
      } catch (InterruptedException e) {
        exchange.close();
        return;
      }
      event.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      respond(exchange, event.status(), event.body(), event.chunked());
    } else {
      Integer status = postStatuses.poll();
      if (status != null) {
        lastPostStatus = status;
      }
      respond(exchange, lastPostStatus, "{\"status\":\"OK\"}", false);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body, boolean chunked)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
