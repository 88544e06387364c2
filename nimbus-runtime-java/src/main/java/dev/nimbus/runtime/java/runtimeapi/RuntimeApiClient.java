package dev.nimbus.runtime.java.runtimeapi;

import java.io.IOException;

/**
 * The runtime's side of the Runtime API. Posts return the HTTP status so the caller decides what a
 * refusal means (a 413 for an oversized response is survivable, a 500 is not).
 *
 * <p>Threading: one runtime loop thread owns a client; it is not safe for concurrent use.
 */
public interface RuntimeApiClient extends AutoCloseable {

  /** Error type header of a handler that threw. */
  String USER_EXCEPTION = "Runtime.UserException";

  /** Error type header of a handler that could not be loaded or invoked. */
  String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

  /** Blocks until the platform hands out the next event; there is deliberately no timeout. */
  Invocation next() throws IOException;

  /** Posts {@code body[0, length)} as the result of {@code requestId}. */
  int postResponse(String requestId, byte[] body, int length) throws IOException;

  /** Posts an error document for {@code requestId} with header {@code Lambda-Runtime-Function-Error-Type}. */
  int postError(String requestId, byte[] errorDocument, String errorType) throws IOException;

  /** Posts an error document to {@code /runtime/init/error}; only valid before the first {@link #next()}. */
  int postInitError(byte[] errorDocument, String errorType) throws IOException;

  @Override
  void close();

  /**
   * A client for {@code address} as found in {@code AWS_LAMBDA_RUNTIME_API}: {@code host:port} or
   * {@code [v6-address]:port}, no scheme. Starts connecting at once on a helper thread; the
   * first call waits for that and reports any failure.
   */
  static RuntimeApiClient connect(String address) {
    return connect(address, null);
  }

  /**
   * As {@link #connect(String)}, but over the Unix socket {@code unixSocket} when it is not null
   * ({@code address} then only names the host in requests).
   */
  static RuntimeApiClient connect(String address, String unixSocket) {
    HttpConnection http = HttpConnection.to(address, unixSocket);
    http.openInBackground();
    return new HttpRuntimeApiClient(http);
  }
}
