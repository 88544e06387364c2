package dev.nimbus.runtime.java.runtimeapi;

import java.io.IOException;

/** The Runtime API answered a call with a status the runtime cannot continue from. */
public final class RuntimeApiException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  RuntimeApiException(String call, int status, String body) {
    super(call + " answered HTTP " + status + (body.isEmpty() ? "" : ": " + body));
    this.status = status;
  }

  /** The HTTP status, or 0 when the answer was malformed rather than an error status. */
  public int status() {
    return status;
  }
}
