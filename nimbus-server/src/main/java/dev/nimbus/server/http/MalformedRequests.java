package dev.nimbus.server.http;

import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.UUID;

/**
 * The answer to a request Helidon refuses before routing (a malformed or oversized request line or
 * headers, control characters in a header, bad framing): the API's error body instead of an empty
 * one, with a fixed message, never Helidon's own, which may name its internals. The connection is
 * closed, since the rest of the stream cannot be trusted.
 */
public final class MalformedRequests implements DirectHandler {
    static final String MESSAGE = "Malformed HTTP request: the request line (at most 4096 bytes), the headers (at most"
            + " 16384 bytes, no control characters) or the framing are invalid";

    private MalformedRequests() {
    }

    /** The handler for every event Helidon answers itself. */
    public static DirectHandlers handlers() {
        var handler = new MalformedRequests();
        var builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        int status = defaultStatus.code();
        ErrorCode code = status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE
                : status < 500 ? ErrorCode.INVALID_PARAMETER : ErrorCode.INTERNAL;
        String text = switch (code) {
            case PAYLOAD_TOO_LARGE -> "Request body is too large";
            case INVALID_PARAMETER -> MESSAGE;
            default -> Messages.INTERNAL;
        };
        return TransportResponse.builder()
                .status(defaultStatus)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .keepAlive(false)
                .entity(ErrorBody.json(code, text, UUID.randomUUID().toString()))
                .build();
    }
}
