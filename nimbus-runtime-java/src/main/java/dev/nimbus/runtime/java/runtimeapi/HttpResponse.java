package dev.nimbus.runtime.java.runtimeapi;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response as read off the wire.
 *
 * @param status  HTTP status code
 * @param headers names and values alternating, in arrival order
 * @param body    the decoded body (chunked encoding already removed)
 */
record HttpResponse(int status, List<String> headers, byte[] body) {

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  String header(String name) {
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        return headers.get(i + 1);
      }
    }
    return null;
  }

  /** The body as text for error messages, cut at 200 characters. */
  String bodyExcerpt() {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
