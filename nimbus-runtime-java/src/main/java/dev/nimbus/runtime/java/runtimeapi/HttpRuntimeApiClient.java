package dev.nimbus.runtime.java.runtimeapi;

import java.io.IOException;

/**
 * {@link RuntimeApiClient} over {@link HttpConnection}.
 *
 * <p>Threading: confined to the runtime loop thread, like its connection.
 */
final class HttpRuntimeApiClient implements RuntimeApiClient {
  private static final String BASE = "/2018-06-01/runtime/";
  private static final String[] NO_HEADERS = {};
  private static final String[] JSON = {"Content-Type", "application/json"};

  private final HttpConnection http;

  HttpRuntimeApiClient(HttpConnection http) {
    this.http = http;
  }

  @Override
  public Invocation next() throws IOException {
    HttpResponse r = http.exchange("GET", BASE + "invocation/next", NO_HEADERS, null, 0);
    if (r.status() != 200) {
      throw new RuntimeApiException("GET /runtime/invocation/next", r.status(), r.bodyExcerpt());
    }
    String requestId = r.header("Lambda-Runtime-Aws-Request-Id");
    if (requestId == null || requestId.isEmpty()) {
      throw new RuntimeApiException(
          "GET /runtime/invocation/next without Lambda-Runtime-Aws-Request-Id", 0, "");
    }
    return new Invocation(
        requestId,
        parseDeadline(r.header("Lambda-Runtime-Deadline-Ms")),
        r.header("Lambda-Runtime-Invoked-Function-Arn"),
        r.header("Lambda-Runtime-Trace-Id"),
        r.header("Lambda-Runtime-Client-Context"),
        r.header("Lambda-Runtime-Cognito-Identity"),
        r.header("Lambda-Runtime-Aws-Tenant-Id"),
        r.body());
  }

  @Override
  public int postResponse(String requestId, byte[] body, int length) throws IOException {
    String target = BASE + "invocation/" + PathSegment.encode(requestId) + "/response";
    return http.exchange("POST", target, JSON, body, length).status();
  }

  @Override
  public int postError(String requestId, byte[] errorDocument, String errorType)
      throws IOException {
    String target = BASE + "invocation/" + PathSegment.encode(requestId) + "/error";
    return http.exchange("POST", target, errorHeaders(errorType), errorDocument,
        errorDocument.length).status();
  }

  @Override
  public int postInitError(byte[] errorDocument, String errorType) throws IOException {
    return http.exchange("POST", BASE + "init/error", errorHeaders(errorType), errorDocument,
        errorDocument.length).status();
  }

  @Override
  public void close() {
    http.close();
  }

  private static String[] errorHeaders(String errorType) {
    return new String[] {
      "Content-Type", "application/json", "Lambda-Runtime-Function-Error-Type", errorType
    };
  }

  private static long parseDeadline(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
