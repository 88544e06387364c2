package dev.nimbus.events.delivery;

import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.events.http.Http;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;

/**
 * How a function's asynchronous invocations are delivered (Lambda's event invoke configuration and
 * dead-letter configuration), per qualifier:
 * <pre>
 * PUT    /api/v1/functions/{name}/delivery[?qualifier=Q]  {"maxRetries"?: 0-2, "maxAgeSeconds"?: 60-21600,
 *        "onSuccess"?: "function:NAME[:Q]" | "topic:NAME", "onFailure"?: ..., "deadLetter"?: "topic:NAME"}
 *        → 201 created / 200 replaced
 * GET    /api/v1/functions/{name}/delivery[?qualifier=Q]  → the configuration, 404 if none
 * DELETE /api/v1/functions/{name}/delivery[?qualifier=Q]  → 204
 * </pre>
 * Without a qualifier the configuration is {@code $LATEST}'s. Each applies to the events sent to
 * its own qualifier only, as in Lambda: an alias needs its own ({@link DeliveryConfigs}).
 */
public final class DeliveryConfigApi {
    private static final int MAX_BODY = 16 * 1024;

    private final DeliveryConfigStore configs;
    private final FunctionCatalog catalog;
    private final BusStore bus;
    private final Tenancy tenancy;
    private final ObjectMapper json;

    public DeliveryConfigApi(DeliveryConfigStore configs, FunctionCatalog catalog, BusStore bus, Tenancy tenancy,
                             ObjectMapper json) {
        this.configs = configs;
        this.tenancy = tenancy;
        this.catalog = catalog;
        this.bus = bus;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A function and qualifier that exist now. */
    private record Target(String function, String qualifier) {
        String text() {
            return function + ":" + qualifier;
        }
    }

    public void register(HttpRouting.Builder routing) {
        routing.put("/api/v1/functions/{name}/delivery", Http.guarded(this::put))
                .get("/api/v1/functions/{name}/delivery", Http.guarded((req, res) -> {
                    Target target = target(req);
                    Http.send(res, json, 200, configs.get(target.function(), target.qualifier())
                            .orElseThrow(() -> notFound(target)));
                }))
                .delete("/api/v1/functions/{name}/delivery", Http.guarded((req, res) -> {
                    Target target = target(req);
                    if (!configs.delete(target.function(), target.qualifier())) {
                        throw notFound(target);
                    }
                    res.status(204).send();
                }));
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        Target target = target(req);
        DeliveryConfig config = Http.body(req, json, DeliveryConfig.class, MAX_BODY);
        if (config == null || config.isEmpty()) {
            throw Http.invalid("set at least one of maxRetries, maxAgeSeconds, onSuccess, onFailure, deadLetter");
        }
        Http.delivery(config, target.function(), catalog, bus, Http.reach(req, tenancy));
        boolean replaced = configs.get(target.function(), target.qualifier()).isPresent();
        configs.put(target.function(), target.qualifier(), config);
        Http.send(res, json, replaced ? 200 : 201, config);
    }

    private Target target(ServerRequest req) {
        String name = req.path().pathParameters().get("name");
        String qualifier = req.query().first("qualifier").orElse(null);
        Http.FunctionRef ref = Http.function(qualifier == null ? name : name + ":" + qualifier, catalog,
                Http.reach(req, tenancy));
        return new Target(ref.name(), ref.qualifier() == null ? FunctionRevision.LATEST : ref.qualifier());
    }

    private static ApiException notFound(Target target) {
        return new ApiException(ErrorCode.NOT_FOUND, "No delivery configuration for " + target.text());
    }
}
