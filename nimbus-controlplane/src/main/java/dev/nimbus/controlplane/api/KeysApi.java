package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.access.ApiKeys;
import dev.nimbus.core.access.ApiKey;
import dev.nimbus.core.access.KeyStore;
import dev.nimbus.core.access.Role;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.Scope;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API keys of the namespace the request acts in, admin only (the access filter sees to that):
 * <pre>
 * POST   /api/v1/keys {"name","role"} → 201 {"id","name","role","namespace","createdAt","key"}: the key, shown this once
 * GET    /api/v1/keys                  → {"keys":[{"id","name","role","namespace","createdAt"}]}, never a secret
 * DELETE /api/v1/keys/{id}             → 204; 404 unknown or another namespace's; 409 the installation's last admin key
 * </pre>
 * An installation administrator manages another namespace's keys by acting in it ({@link Scope#HEADER}).
 */
public final class KeysApi {
    private static final int MAX_BODY = 4096;

    private final ApiKeys keys;
    private final JsonBodies json;

    public KeysApi(ApiKeys keys, ObjectMapper mapper) {
        this.keys = keys;
        this.json = new JsonBodies(mapper);
    }

    record NewKey(String name, String role) {
    }

    /** A key as listed: never its secret or hash. */
    record KeyView(String id, String name, String role, String namespace, Instant createdAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.role().wireName(), key.namespace(), key.createdAt());
        }
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/api/v1/keys", (req, res) -> FunctionsApi.guarded(res, () -> create(req, res)))
                .get("/api/v1/keys", (req, res) -> FunctionsApi.guarded(res, () ->
                        send(res, 200, Map.of("keys", keys.list().stream()
                                .filter(k -> k.namespace().equals(namespace(req))).map(KeyView::of).toList()))))
                .delete("/api/v1/keys/{id}", (req, res) -> FunctionsApi.guarded(res, () -> delete(req, res)));
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        NewKey body = json.read(Payloads.read(req.content().inputStream(), MAX_BODY), NewKey.class);
        if (body == null || !ApiKeys.isName(body.name())) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER,
                    "name is required: 1-64 letters, digits, spaces or . _ @ : -");
        }
        Role role = Role.parse(body.role()).orElseThrow(() -> new ApiException(ErrorCode.INVALID_PARAMETER,
                "role must be one of " + Role.names()));
        ApiKeys.Created created = keys.create(body.name(), role, namespace(req));
        var view = new LinkedHashMap<String, Object>();
        KeyView key = KeyView.of(created.key());
        view.put("id", key.id());
        view.put("name", key.name());
        view.put("role", key.role());
        view.put("namespace", key.namespace());
        view.put("createdAt", key.createdAt());
        view.put("key", created.token().text());
        send(res, 201, view);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        boolean ours = keys.list().stream().anyMatch(k -> k.id().equals(id) && k.namespace().equals(namespace(req)));
        switch (ours ? keys.delete(id) : KeyStore.Deletion.NOT_FOUND) {
            case DELETED -> res.status(204).send();
            case NOT_FOUND -> throw new ApiException(ErrorCode.NOT_FOUND, "API key not found: "
                    + FunctionName.clip(id));
            case LAST_ADMIN -> throw new ApiException(ErrorCode.CONFLICT,
                    "This is the last admin key; create another admin key before deleting it");
        }
    }

    /** The namespace the request acts in; the default one when authentication is off. */
    static String namespace(ServerRequest req) {
        return req.context().get(Scope.class).map(Scope::namespace).orElse(Namespace.DEFAULT);
    }

    private void send(ServerResponse res, int status, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId());
        res.status(status).send(json.write(body));
    }
}
