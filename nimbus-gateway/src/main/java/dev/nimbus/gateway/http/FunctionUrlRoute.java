package dev.nimbus.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.gateway.Outcomes;
import dev.nimbus.gateway.lambda.AuthenticatedBody;
import dev.nimbus.gateway.lambda.LambdaHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ANY /url/{urlId}[/{path...}]}: a function URL (lambda-compat.md §5.9). The function (or
 * alias) the URL belongs to gets an HTTP API 2.0 event, whatever its route's payload format; an
 * unknown URL is 403 as on AWS; {@code AWS_IAM} URLs need a request signed for {@code lambda}
 * (checked by the same {@link RequestAuth} as the Lambda API, so they are open when that is off);
 * CORS settings answer preflight requests and add the allow headers to matching responses.
 */
public final class FunctionUrlRoute {
    private static final String PREFIX = "/url/";
    private final FunctionCatalog catalog;
    private final FunctionRoute route;
    private final RequestAuth auth;
    private final ObjectMapper json;

    public FunctionUrlRoute(FunctionCatalog catalog, FunctionRoute route, RequestAuth auth, ObjectMapper json) {
        this.catalog = catalog;
        this.route = route;
        this.auth = auth;
        this.json = json;
    }

    public void handle(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String raw = req.path().rawPath();
        String rest = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : "";
        int slash = rest.indexOf('/');
        Optional<FunctionUrl> found = rest.isEmpty() ? Optional.empty()
                : catalog.url(slash < 0 ? rest : rest.substring(0, slash));
        if (found.isEmpty()) {
            refuse(res, requestId, "AccessDeniedException", null);
            return;
        }
        FunctionUrl url = found.get();
        AuthenticatedBody authenticated;
        try {
            authenticated = AuthenticatedBody.read("AWS_IAM".equals(url.authType()) ? auth : RequestAuth.OFF, req,
                    () -> Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD));
        } catch (ApiException e) {
            Outcomes.sendError(res, e.code(), e.getMessage(), requestId);
            return;
        }
        if (authenticated.refusal() != null) {
            refuse(res, requestId, authenticated.refusal().errorType(), authenticated.refusal().message());
            return;
        }
        byte[] body = authenticated.body();
        JsonNode cors = cors(url);
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (cors != null && origin != null && req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            preflight(res, cors, origin);
            return;
        }
        var target = catalog.resolve(url.function(), url.qualifier());
        if (target.isEmpty()) {
            refuse(res, requestId, "AccessDeniedException", null);
            return;
        }
        if (cors != null && origin != null && allows(cors.path("AllowOrigins"), origin)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            res.header(HeaderNames.VARY, "Origin");
            joined(cors.path("ExposeHeaders")).ifPresent(v -> res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, v));
            if (cors.path("AllowCredentials").asBoolean(false)) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            }
        }
        route.invoke(req, res, target.get(), slash < 0 ? "/" : rest.substring(slash), body, PayloadFormat.V2, requestId);
    }

    private void preflight(ServerResponse res, JsonNode cors, String origin) {
        if (allows(cors.path("AllowOrigins"), origin)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            res.header(HeaderNames.VARY, "Origin");
            joined(cors.path("AllowMethods")).ifPresent(v -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, v));
            joined(cors.path("AllowHeaders")).ifPresent(v -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, v));
            if (cors.path("MaxAge").canConvertToInt()) {
                res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, Integer.toString(cors.path("MaxAge").asInt()));
            }
            if (cors.path("AllowCredentials").asBoolean(false)) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            }
        }
        res.status(200).send();
    }

    private JsonNode cors(FunctionUrl url) {
        if (url.cors() == null) {
            return null;
        }
        try {
            return json.readTree(url.cors());
        } catch (IOException e) {
            return null; // stored by the control plane as JSON; unreadable settings allow nothing
        }
    }

    private static boolean allows(JsonNode origins, String origin) {
        for (JsonNode allowed : origins) {
            if (allowed.asText().equals("*") || allowed.asText().equalsIgnoreCase(origin)) {
                return true;
            }
        }
        return false;
    }

    /** The strings of a JSON array joined with ", "; empty if there are none. */
    private static Optional<String> joined(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> {
            String text = v.asText();
            if (!text.isEmpty() && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
                values.add(text);
            }
        });
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** 403 as AWS answers an unknown URL or a refused signature: {@code {"Message":...}} and the error type. */
    private static void refuse(ServerResponse res, String requestId, String errorType, String message) {
        res.header(LambdaHeaders.REQUEST_ID, requestId);
        res.header(LambdaHeaders.ERROR_TYPE, errorType);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        String text = message == null ? "null" : "\"" + ErrorBody.escape(message) + "\"";
        res.status(403).send(("{\"Message\":" + text + "}").getBytes(StandardCharsets.UTF_8));
    }
}
