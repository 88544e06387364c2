package dev.nimbus.gateway.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incoming HTTP request to a function route, independent of the web server.
 *
 * @param method    upper-case method
 * @param rawPath   path below the function route, starting with '/', still URL-encoded
 * @param rawQuery  query string without '?', or empty
 * @param headers   header name (any case) → values in arrival order
 * @param body      request body, possibly empty
 * @param sourceIp  client address
 * @param protocol  e.g. HTTP/1.1
 * @param requestId id of this invocation
 * @param time      when the request arrived
 */
public record HttpCall(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       String sourceIp, String protocol, String requestId, Instant time) {
}
