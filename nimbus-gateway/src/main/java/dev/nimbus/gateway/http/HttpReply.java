package dev.nimbus.gateway.http;

import java.util.List;
import java.util.Map;

/** An HTTP response produced from a function result: status, headers (name → values) and body. */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {
}
