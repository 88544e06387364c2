package dev.nimbus.controlplane.api;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;

/** Common parts of native API responses: the request id header and the error document. */
final class ApiResponses {
    static final HeaderName REQUEST_ID = HeaderNames.create("X-Nimbus-Request-Id");

    private ApiResponses() {
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    static void error(ServerResponse res, ApiException e) {
        String id = newRequestId();
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(REQUEST_ID, id);
        res.status(e.code().status()).send(ErrorBody.json(e.code(), e.getMessage(), id));
    }
}
