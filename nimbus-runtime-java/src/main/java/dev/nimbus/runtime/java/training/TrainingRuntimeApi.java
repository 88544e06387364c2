package dev.nimbus.runtime.java.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback Runtime API for training: answers {@code /next} with {@code rounds} events (every
 * tenth one makes the handler throw, every third carries a client context and an identity), then
 * with 500 so the runtime loop returns; accepts every POST with 202.
 *
 * <p>Threading: one daemon thread serves one connection at a time, as the runtime uses one.
 */
final class TrainingRuntimeApi implements AutoCloseable {
  private final ServerSocket server;
  private final int rounds;
  private final boolean stringEvents;
  private int served;

  private TrainingRuntimeApi(ServerSocket server, int rounds, boolean stringEvents) {
    this.server = server;
    this.rounds = rounds;
    this.stringEvents = stringEvents;
  }

  /** Events are JSON strings if {@code stringEvents}, else JSON objects. */
  static TrainingRuntimeApi start(int rounds, boolean stringEvents) throws IOException {
    TrainingRuntimeApi api = new TrainingRuntimeApi(
        new ServerSocket(0, 4, InetAddress.getLoopbackAddress()), rounds, stringEvents);
    Thread thread = new Thread(api::serve, "training-runtime-api");
    thread.setDaemon(true);
    thread.start();
    return api;
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String head;
        while ((head = readHead(in)) != null) {
          int length = contentLength(head);
          in.readNBytes(length);
          out.write(head.startsWith("GET") ? nextEvent() : accepted());
          out.flush();
        }
      } catch (IOException e) {
        // the runtime closed its connection or the server was closed
      }
    }
  }

  private byte[] nextEvent() {
    if (served >= rounds) {
      return response("500 Internal Server Error", "",
          "{\"errorType\":\"InternalServerError\",\"errorMessage\":\"training over\"}");
    }
    served++;
    String name = served % 10 == 0 ? "fail" : "user-" + served;
    String headers = "Lambda-Runtime-Aws-Request-Id: training-" + served + "\r\n"
        + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
        + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:000000000000:function:training\r\n"
        + "Lambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1\r\n"
        + (served % 3 == 0 ? "Lambda-Runtime-Client-Context: {\"client\":{\"app_title\":\"t\"},"
            + "\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"iPhoneOS\"}}\r\n"
            + "Lambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"id\"}\r\n" : "");
    String body = stringEvents
        ? "\"" + name + "\""
        : "{\"name\":\"" + name + "\",\"times\":" + served + ",\"at\":\"2024-05-06T07:08:09Z\","
            + "\"extra\":{\"list\":[1,2.5,-3e2,true,null,\"\\u00e9\\n\"],\"nested\":{\"k\":\"v\"}}}";
    return response("200 OK", headers, body);
  }

  private static byte[] accepted() {
    return response("202 Accepted", "", "{\"status\":\"OK\"}");
  }

  private static byte[] response(String status, String headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Type: application/json\r\n"
        + "Content-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.UTF_8);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }
}
