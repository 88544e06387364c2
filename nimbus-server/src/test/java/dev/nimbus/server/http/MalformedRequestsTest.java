package dev.nimbus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.DirectHandler.TransportRequest;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedRequestsTest {

    @ParameterizedTest
    @CsvSource({
        "BAD_REQUEST, 400, InvalidParameter, Malformed HTTP request",
        "PAYLOAD_TOO_LARGE, 413, PayloadTooLarge, Request body is too large",
        "HTTP_VERSION_NOT_SUPPORTED, 505, InternalError, Nimbus failed to handle the request",
        "INTERNAL_ERROR, 500, InternalError, Nimbus failed to handle the request",
    })
    void answersTheApisErrorBodyAndNeverHelidonsMessage(EventType type, int status, String code, String message) {
        var response = MalformedRequests.handlers().handler(type).handle(TransportRequest.empty(), type,
                type.defaultStatus(), ServerResponseHeaders.create(),
                "Header size exceeded in io.helidon.webserver.http1.Http1Headers");

        String body = new String(response.entity().orElseThrow(), StandardCharsets.UTF_8);
        assertThat(response.status()).isEqualTo(Status.create(status));
        assertThat(response.keepAlive()).isFalse();
        assertThat(body).startsWith("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message)
                .contains("\"requestId\":\"").doesNotContain("helidon").doesNotContain("Header size");
    }
}
