package dev.nimbus.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.Outcomes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /2015-03-31/functions/{name}/invocations}: Lambda's Invoke for the
 * {@code RequestResponse} and {@code DryRun} invocation types (lambda-compat.md §4).
 */
public final class LambdaInvoke {
    private static final HeaderName TRACE_ID = HeaderNames.create("X-Amzn-Trace-Id");
    private static final HeaderName INVOCATION_TYPE = HeaderNames.create("X-Amz-Invocation-Type");
    private static final HeaderName CLIENT_CONTEXT = HeaderNames.create("X-Amz-Client-Context");

    private static final int MAX_CLIENT_CONTEXT = 3583;
    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final ObjectMapper json;

    public LambdaInvoke(FunctionCatalog catalog, Invoker invoker, ObjectMapper json) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.json = json;
    }

    public void handle(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        var ref = LambdaFunctionName.parse(req.path().pathParameters().get("name"));
        Optional<String> queryQualifier = req.query().first("Qualifier").asOptional();
        if (ref == null || !FunctionName.isValid(ref.name())) {
            error(res, 400, "ValidationException", "1 validation error detected: Value at 'functionName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern", requestId);
            return;
        }
        if (queryQualifier.isPresent() && ref.qualifier() != null && !queryQualifier.get().equals(ref.qualifier())) {
            error(res, 400, "InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier.", requestId);
            return;
        }
        String qualifier = queryQualifier.orElse(ref.qualifier());
        var named = new LambdaFunctionName(ref.name(), qualifier);
        Optional<FunctionCatalog.Target> function = catalog.resolve(ref.name(), qualifier);
        if (function.isEmpty()) {
            error(res, 404, "ResourceNotFoundException", "Function not found: " + named.arn(), requestId);
            return;
        }
        byte[] payload;
        try {
            payload = Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
        } catch (ApiException tooLarge) {
            error(res, 413, "RequestEntityTooLargeException", "Request must be smaller than "
                    + Payloads.MAX_INVOKE_PAYLOAD + " bytes for the InvokeFunction operation", requestId);
            return;
        }
        if (payload.length > 0 && !isJson(payload)) {
            error(res, 400, "InvalidRequestContentException", "Could not parse request body into json: "
                    + "the body is not valid JSON", requestId);
            return;
        }
        String type = req.headers().first(INVOCATION_TYPE).orElse("RequestResponse");
        switch (type) {
            case "RequestResponse" -> { }
            case "DryRun" -> {
                res.header("x-amzn-RequestId", requestId);
                res.status(204).send();
                return;
            }
            case "Event" -> {
                error(res, 400, "InvalidParameterValueException",
                        "Event invocations are not supported by this Nimbus version yet", requestId);
                return;
            }
            default -> {
                error(res, 400, "InvalidParameterValueException", "X-Amz-Invocation-Type must be one of "
                        + "RequestResponse, Event, DryRun", requestId);
                return;
            }
        }
        String clientContext;
        try {
            clientContext = clientContext(req);
        } catch (IllegalArgumentException e) {
            error(res, 400, "InvalidParameterValueException", e.getMessage(), requestId);
            return;
        }
        String trace = req.headers().first(TRACE_ID).orElse(null);
        var target = function.get();
        var result = invoker.invoke(new InvocationRequest(requestId, target.revision(), target.qualifier(), payload,
                clientContext, trace));
        Outcomes.lambda(res, result, requestId, target.revision().version());
    }

    private String clientContext(ServerRequest req) {
        var header = req.headers().first(CLIENT_CONTEXT);
        if (header.isEmpty()) {
            return null;
        }
        if (header.get().length() > MAX_CLIENT_CONTEXT) {
            throw new IllegalArgumentException("Client context must be at most " + MAX_CLIENT_CONTEXT + " bytes");
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.get());
            if (!isJson(decoded)) {
                throw new IllegalArgumentException("Client context must be base64-encoded JSON");
            }
            return ClientContextHeader.of(new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Client context must be base64-encoded JSON");
        }
    }

    private boolean isJson(byte[] bytes) {
        try (var parser = json.createParser(bytes)) {
            while (parser.nextToken() != null) {
                // read to the end: trailing garbage is invalid too
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void error(ServerResponse res, int status, String type, String message, String requestId) {
        LambdaErrors.send(res, status, type, message, Map.of(), 0, requestId);
    }
}
