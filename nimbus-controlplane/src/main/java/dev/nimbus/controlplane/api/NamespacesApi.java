package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.access.ApiKeys;
import dev.nimbus.controlplane.access.Namespaces;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.tenancy.Claim;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Namespaces, for installation administrators only (the access filter sees to that):
 * <pre>
 * GET    /api/v1/namespaces          → {"namespaces":[N]}
 * GET    /api/v1/namespaces/{name}   → N; 404
 * PUT    /api/v1/namespaces/{name}   {"maxFunctions","maxInstances","maxCodeBytes"} → 201 created / 200 replaced, N
 * DELETE /api/v1/namespaces/{name}   → 204; 409 while it has functions, topics, buckets, schedules, secrets or keys;
 *                                      400 for the default namespace
 * N = {"name","maxFunctions","maxInstances","maxCodeBytes","createdAt","usage":{"functions","instances","keys"}}
 * </pre>
 * A quota absent or null is unlimited; a PUT replaces all three. A lowered quota refuses what
 * would go beyond it from then on and removes nothing: a namespace over its function quota cannot
 * create another, one over its instance quota starts none until enough have stopped.
 */
public final class NamespacesApi {
    private static final int MAX_BODY = 4096;

    private final Namespaces namespaces;
    private final ApiKeys keys;
    private final Supplier<List<FunctionState>> functions;
    private final FleetView fleet;
    private final Predicate<Claim> exists;
    private final JsonBodies json;

    /**
     * @param functions every function now
     * @param exists    whether a claimed resource exists now
     */
    public NamespacesApi(Namespaces namespaces, ApiKeys keys, Supplier<List<FunctionState>> functions, FleetView fleet,
                         Predicate<Claim> exists, ObjectMapper mapper) {
        this.namespaces = namespaces;
        this.keys = keys;
        this.functions = functions;
        this.fleet = fleet;
        this.exists = exists;
        this.json = new JsonBodies(mapper);
    }

    record Quotas(Integer maxFunctions, Integer maxInstances, Long maxCodeBytes) {
    }

    record Usage(long functions, long instances, long keys) {
    }

    record NamespaceView(String name, Integer maxFunctions, Integer maxInstances, Long maxCodeBytes, Instant createdAt,
                         Usage usage) {
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/namespaces", (req, res) -> FunctionsApi.guarded(res, () ->
                        json.send(res, 200, Map.of("namespaces", namespaces.list().stream().map(this::view).toList()))))
                .get("/api/v1/namespaces/{name}", (req, res) -> FunctionsApi.guarded(res, () ->
                        json.send(res, 200, view(find(req)))))
                .put("/api/v1/namespaces/{name}", (req, res) -> FunctionsApi.guarded(res, () -> put(req, res)))
                .delete("/api/v1/namespaces/{name}", (req, res) -> FunctionsApi.guarded(res, () -> delete(req, res)));
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        String name = req.path().pathParameters().get("name");
        if (!Namespace.isName(name)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "a namespace name is 1-32 lower-case letters, digits"
                    + " and '-', starting and ending with a letter or digit, was '" + FunctionName.clip(name) + "'");
        }
        byte[] raw = Payloads.read(req.content().inputStream(), MAX_BODY);
        Quotas q = raw.length == 0 ? null : json.read(raw, Quotas.class);
        q = q == null ? new Quotas(null, null, null) : q;
        positive("maxFunctions", q.maxFunctions());
        positive("maxInstances", q.maxInstances());
        positive("maxCodeBytes", q.maxCodeBytes());
        boolean created = namespaces.put(name, q.maxFunctions(), q.maxInstances(), q.maxCodeBytes());
        json.send(res, created ? 201 : 200, view(namespaces.namespace(name).orElseThrow()));
    }

    private static void positive(String field, Number value) {
        if (value != null && value.longValue() < 1) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, field + " must be at least 1, or null for unlimited");
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Namespace namespace = find(req);
        if (namespace.name().equals(Namespace.DEFAULT)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "The default namespace cannot be deleted");
        }
        if (keys.list().stream().anyMatch(k -> k.namespace().equals(namespace.name()))) {
            throw inUse(namespace.name(), "API keys");
        }
        switch (namespaces.delete(namespace.name(), exists)) {
            case DELETED -> {
                // a key made between the check above and the deletion must not outlive its namespace
                keys.list().stream().filter(k -> k.namespace().equals(namespace.name())).forEach(k -> keys.delete(k.id()));
                res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId());
                res.status(204).send();
            }
            case NOT_FOUND -> throw notFound(namespace.name());
            case DEFAULT -> throw new ApiException(ErrorCode.INVALID_PARAMETER, "The default namespace cannot be deleted");
            case IN_USE -> throw inUse(namespace.name(), "functions, topics, buckets, schedules or secrets");
        }
    }

    private static ApiException inUse(String name, String what) {
        return new ApiException(ErrorCode.CONFLICT, "Namespace " + name + " still has " + what + "; delete them first");
    }

    private Namespace find(ServerRequest req) {
        String name = req.path().pathParameters().get("name");
        return namespaces.namespace(name).orElseThrow(() -> notFound(name));
    }

    private static ApiException notFound(String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Namespace not found: " + FunctionName.clip(name));
    }

    private NamespaceView view(Namespace n) {
        Predicate<String> ours = function -> namespaces.owns(n.name(), ResourceKind.FUNCTION, function);
        long functionCount = functions.get().stream().filter(f -> ours.test(f.name())).count();
        long instances = fleet.all().entrySet().stream().filter(e -> ours.test(e.getKey()))
                .flatMap(e -> e.getValue().stream()).mapToLong(FleetView.RevisionStatus::actualInstances).sum();
        long keyCount = keys.list().stream().filter(k -> k.namespace().equals(n.name())).count();
        return new NamespaceView(n.name(), n.maxFunctions(), n.maxInstances(), n.maxCodeBytes(), n.createdAt(),
                new Usage(functionCount, instances, keyCount));
    }

}
