package dev.nimbus.gateway;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Trigger;
import dev.nimbus.core.invoke.Invoker;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.UUID;

/**
 * {@code POST /api/v1/functions/{name}[:{qualifier}]/invoke}: the body is the event, the answer the
 * function's result. {@code POST .../async}: the event (at most 1 MB, else 413) is committed, then
 * answered {@code 202 {"id": ...}}; {@code GET /api/v1/async/{id}} tells how its delivery went.
 */
final class NativeInvoke {
    /** Largest asynchronous event, as Lambda's Event invocations. */
    static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;

    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final AsyncEvents async;
    private final InstantSource clock;

    NativeInvoke(FunctionCatalog catalog, Invoker invoker, AsyncEvents async, InstantSource clock) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.async = async;
        this.clock = clock;
    }

    void handleAsync(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try {
            FunctionCatalog.Target function = QualifiedName.parse(req.path().pathParameters().get("name")).resolveIn(catalog);
            byte[] payload = Payloads.read(req.content().inputStream(), MAX_ASYNC_PAYLOAD);
            async.submit(AsyncEvent.accepted(requestId, function.revision().name(), function.qualifier(),
                    payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload, null,
                    Traces.callerHeader(req), clock.instant()));
            res.header(Outcomes.NIMBUS_REQUEST_ID, requestId);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.status(202).send(("{\"id\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            Outcomes.sendError(res, e.code(), e.getMessage(), requestId);
        }
    }

    void handle(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try {
            FunctionCatalog.Target function = QualifiedName.parse(req.path().pathParameters().get("name")).resolveIn(catalog);
            byte[] payload = Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
            var result = invoker.invoke(new InvocationRequest(requestId, function.revision(), function.qualifier(), payload, null,
                    Trigger.API, Traces.of(req), null));
            Outcomes.nativeApi(res, result, requestId, function.revision().version());
        } catch (ApiException e) {
            Outcomes.sendError(res, e.code(), e.getMessage(), requestId);
        }
    }
}
