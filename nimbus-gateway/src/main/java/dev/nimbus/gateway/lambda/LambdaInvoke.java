package dev.nimbus.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.gateway.AsyncEvents;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Trigger;
import dev.nimbus.core.trace.TraceContext;
import dev.nimbus.gateway.Traces;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.Outcomes;
import dev.nimbus.gateway.QualifiedName;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.InstantSource;
import java.util.regex.Pattern;

/**
 * {@code POST /2015-03-31/functions/{name}/invocations}: Lambda's Invoke (lambda-compat.md §4) for
 * the {@code RequestResponse}, {@code Event} and {@code DryRun} invocation types, with qualifiers,
 * {@code X-Amz-Log-Type: Tail} and client context. The request id in {@code x-amzn-RequestId} is
 * the invocation's: the function sees it as its {@code aws_request_id}, for {@code Event} too.
 *
 * <p>The signature is checked before the body is read ({@link AuthenticatedBody}); then checks run in
 * AWS's order: the function reference and
 * qualifier (400), the function, version or alias (404), the payload size (413), the payload (400).
 */
public final class LambdaInvoke {
    private static final System.Logger LOG = System.getLogger(LambdaInvoke.class.getName());
    private static final Pattern QUALIFIER = Pattern.compile("[a-zA-Z0-9$_-]{1,128}");
    private static final int MAX_CLIENT_CONTEXT = 3583;
    /** As stored with an asynchronous event. */
    private static final int MAX_TRACE = 512;

    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final AsyncEvents async;
    private final InstantSource clock;
    private final RequestAuth auth;
    private final ObjectMapper json;

    public LambdaInvoke(FunctionCatalog catalog, Invoker invoker, AsyncEvents async, RequestAuth auth, ObjectMapper json,
                        InstantSource clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.invoker = invoker;
        this.async = async;
        this.auth = auth;
        this.json = json;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        String requestId = UUID.randomUUID().toString();
        try {
            invoke(req, res, requestId);
        } catch (LambdaError e) {
            e.send(res, requestId);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Invoke " + requestId + " failed", e);
            LambdaError.service("Nimbus failed to handle the request; the server log has the details").send(res, requestId);
        }
    }

    private void invoke(ServerRequest req, ServerResponse res, String requestId) throws IOException {
        var authenticated = AuthenticatedBody.read(auth, req, () -> read(req));
        if (authenticated.refusal() != null) {
            throw LambdaError.refused(authenticated.refusal().errorType(), authenticated.refusal().message());
        }
        byte[] payload = authenticated.body();
        String type = req.headers().first(LambdaHeaders.INVOCATION_TYPE).orElse("RequestResponse");
        if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
            throw LambdaError.invalidParameter("X-Amz-Invocation-Type must be RequestResponse, Event or DryRun");
        }
        String logType = req.headers().first(LambdaHeaders.LOG_TYPE).orElse("None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw LambdaError.invalidParameter("X-Amz-Log-Type must be None or Tail");
        }
        FunctionCatalog.Target target = resolve(req);
        if (type.equals("Event") && payload.length > LambdaError.MAX_EVENT_PAYLOAD) {
            throw LambdaError.eventTooLarge(payload.length);
        }
        if (payload.length > 0 && !isJson(payload)) {
            throw LambdaError.notJson("the body is not valid JSON");
        }
        String clientContext = clientContext(req);
        String xray = req.headers().first(LambdaHeaders.TRACE_ID).orElse(null);
        if (xray != null && xray.length() > MAX_TRACE) {
            throw LambdaError.invalidParameter("X-Amzn-Trace-Id must be at most " + MAX_TRACE + " characters");
        }
        String traceparent = req.headers().first(Traces.TRACEPARENT).orElse(null);
        switch (type) {
            case "DryRun" -> res.header(LambdaHeaders.REQUEST_ID, requestId).status(204).send();
            case "Event" -> {
                async.submit(AsyncEvent.accepted(requestId, target.revision().name(), target.qualifier(),
                        payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
                        clientContext, TraceContext.callerHeader(traceparent, xray), clock.instant()));
                res.header(LambdaHeaders.REQUEST_ID, requestId).status(202).send();
            }
            default -> {
                LogTail tail = logType.equals("Tail") ? new LogTail() : null;
                var result = invoker.invoke(new InvocationRequest(requestId, target.revision(), target.qualifier(),
                        payload, clientContext, Trigger.LAMBDA, TraceContext.continuing(traceparent, xray), tail));
                Outcomes.lambda(res, result, requestId, target.revision().version(), tail == null ? null : tail.base64());
            }
        }
    }

    private static byte[] read(ServerRequest req) throws IOException {
        try {
            return Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
        } catch (ApiException tooLarge) {
            throw LambdaError.requestTooLarge();
        }
    }

    /** The function reference from the path (name, {@code name:qualifier} or an ARN) and {@code ?Qualifier}. */
    private FunctionCatalog.Target resolve(ServerRequest req) {
        String ref = req.path().pathParameters().get("name");
        var named = LambdaFunctionName.parse(ref);
        if (named == null || !FunctionName.isValid(named.name())) {
            throw LambdaError.invalidFunctionName(ref == null ? "" : ref);
        }
        Optional<String> fromQuery = req.query().first("Qualifier").asOptional().filter(q -> !q.isEmpty());
        if (fromQuery.isPresent() && named.qualifier() != null && !fromQuery.get().equals(named.qualifier())) {
            throw LambdaError.qualifierMismatch();
        }
        String qualifier = fromQuery.orElse(named.qualifier());
        if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            throw LambdaError.invalidQualifier(qualifier);
        }
        return catalog.resolve(named.name(), qualifier).orElseThrow(() -> notFound(named.name(), qualifier));
    }

    private LambdaError notFound(String name, String qualifier) {
        if (qualifier != null && !qualifier.equals(FunctionRevision.LATEST) && !QualifiedName.isVersionNumber(qualifier)
                && catalog.state(name).isPresent()) {
            return LambdaError.aliasNotFound(Arns.function(name, qualifier));
        }
        return LambdaError.functionNotFound(Arns.function(name, qualifier == null ? FunctionRevision.LATEST : qualifier));
    }

    private String clientContext(ServerRequest req) {
        var header = req.headers().first(LambdaHeaders.CLIENT_CONTEXT);
        if (header.isEmpty()) {
            return null;
        }
        if (header.get().length() > MAX_CLIENT_CONTEXT) {
            throw LambdaError.invalidParameter("Client context must be at most " + MAX_CLIENT_CONTEXT + " bytes");
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.get());
            if (isJson(decoded)) {
                return ClientContextHeader.of(new String(decoded, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw LambdaError.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
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
}
