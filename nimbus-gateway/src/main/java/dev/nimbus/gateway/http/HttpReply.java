package dev.nimbus.gateway.http;

import dev.nimbus.core.api.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An HTTP response produced from a function result: status, headers (lower-case name → values) and body. */
public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {

    /** A response API Gateway makes itself: {@code {"message":"..."}}. */
    public static HttpReply message(int status, String message) {
        return new HttpReply(status, Map.of("content-type", List.of("application/json")),
                ("{\"message\":\"" + ErrorBody.escape(message) + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
