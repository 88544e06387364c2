package dev.nimbus.controlplane.api;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionState;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.UUID;

/** Common parts of the native API: the request id header, the error document, shared parameters. */
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

    /** The {@code ?limit=} parameter, {@code fallback} when absent; 400 outside {@code min..max}. */
    /** Whether a PUT asks to create only ({@code If-None-Match: *}): 409 instead of replacing what exists. */
    static boolean createOnly(ServerRequest req) {
        return req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> v.strip().equals("*")).orElse(false);
    }

    static int limit(ServerRequest req, int fallback, int min, int max) {
        return intParam(req, "limit", fallback, min, max);
    }

    /** The whole-number query parameter {@code name}, {@code fallback} when absent; 400 outside min..max. */
    static int intParam(ServerRequest req, String name, int fallback, int min, int max) {
        String raw = req.query().first(name).orElse(Integer.toString(fallback));
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be between " + min + " and " + max
                + ", was '" + FunctionName.clip(raw) + "'");
    }

    /** The function named by the {@code {name}} path parameter, as stored; 404 if there is none. */
    static String function(ServerRequest req, FunctionCatalog catalog) {
        String name = req.path().pathParameters().get("name");
        return catalog.state(name).map(FunctionState::name).orElseThrow(() -> Messages.functionNotFound(name));
    }
}
