package dev.nimbus.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void errorDocumentGivesMessageCodeAndRequestId() throws Exception {
        var e = from(409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"busy\",\"requestId\":\"r1\"}}", "hdr");

        assertThat(e.getMessage()).isEqualTo("busy (Conflict, request r1)");
        assertThat(e.code()).contains("Conflict");
        assertThat(e.status()).isEqualTo(409);
    }

    @Test
    void requestIdFallsBackToTheHeaderAndMissingPartsAreLeftOut() throws Exception {
        assertThat(from(500, "{\"error\":{\"code\":\"ServiceException\",\"message\":\"oops\"}}", "hdr").getMessage())
                .isEqualTo("oops (ServiceException, request hdr)");
        assertThat(from(500, "{\"error\":{\"code\":\"ServiceException\",\"message\":\"oops\"}}", null).getMessage())
                .isEqualTo("oops (ServiceException)");
        assertThat(from(500, "{\"error\":{\"message\":\"oops\"}}", null).getMessage()).isEqualTo("oops");
    }

    @Test
    void otherBodiesShowStatusAndAClippedStart() throws Exception {
        String page = "x".repeat(500);

        assertThat(from(502, page, null).getMessage())
                .isEqualTo("HTTP 502 from Nimbus at " + BASE + ": " + "x".repeat(200) + "...");
        assertThat(from(503, "", null).getMessage()).isEqualTo("HTTP 503 from Nimbus at " + BASE);
        assertThat(from(400, "{\"message\":\"not ours\"}", null).getMessage())
                .isEqualTo("HTTP 400 from Nimbus at " + BASE + ": {\"message\":\"not ours\"}");
    }

    private static ApiException from(int status, String body, String headerRequestId) throws Exception {
        JsonNode json = body.startsWith("{") ? JSON.readTree(body) : null;
        return ApiException.fromResponse(BASE, status, json, body, headerRequestId);
    }
}
