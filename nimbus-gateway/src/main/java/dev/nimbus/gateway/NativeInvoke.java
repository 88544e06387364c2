package dev.nimbus.gateway;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Invoker;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.UUID;

/**
 * {@code POST /api/v1/functions/{name}[:{qualifier}]/invoke}: the body is the event, the answer the
 * function's result.
 */
final class NativeInvoke {
    private final FunctionCatalog catalog;
    private final Invoker invoker;

    NativeInvoke(FunctionCatalog catalog, Invoker invoker) {
        this.catalog = catalog;
        this.invoker = invoker;
    }

    void handle(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try {
            FunctionCatalog.Target function = QualifiedName.parse(req.path().pathParameters().get("name")).resolveIn(catalog);
            byte[] payload = Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
            var result = invoker.invoke(new InvocationRequest(requestId, function.revision(), function.qualifier(), payload, null, null));
            Outcomes.nativeApi(res, result, requestId, function.revision().version());
        } catch (ApiException e) {
            Outcomes.sendError(res, e.code(), e.getMessage(), requestId);
        }
    }
}
