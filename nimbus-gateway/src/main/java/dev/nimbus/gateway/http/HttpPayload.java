package dev.nimbus.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.PayloadFormat;

/**
 * The event a function's HTTP route sends and how its answer becomes the HTTP response: API Gateway
 * HTTP API payload 2.0 (also function URLs) or REST API proxy payload 1.0 (lambda-compat.md §6.1-6.2).
 */
public sealed interface HttpPayload permits HttpApiPayload, RestApiPayload {

    static HttpPayload of(PayloadFormat format, ObjectMapper json) {
        return switch (format) {
            case V1 -> new RestApiPayload(json);
            case V2 -> new HttpApiPayload(json);
        };
    }

    /** The event for {@code call}. */
    byte[] event(HttpCall call, String functionName);

    /** The HTTP response for the function's result; a result that describes no valid response is a 502. */
    HttpReply reply(byte[] result);

    /** How this kind of API words the message of a 500 or 502 it makes itself. */
    String internalErrorMessage();
}
