package dev.nimbus.controlplane.api;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.secret.Secret;
import dev.nimbus.core.secret.Secrets;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Secrets, whose values go in and never come out:
 * <pre>
 * PUT    /api/v1/secrets/{name}  {"value": "..."}  → 201 created / 200 replaced, {"name","createdAt","updatedAt"}
 * GET    /api/v1/secrets, GET /api/v1/secrets/{name}   names and times only
 * DELETE /api/v1/secrets/{name}  → 204; 409 while a function's environment refers to it
 * </pre>
 * A function refers to a secret with an environment variable whose whole value is
 * {@code ${secret:NAME}}; its instances get the value. A replaced value reaches instances started
 * after the change.
 */
public final class SecretsApi {
    private static final int MAX_BODY = Secrets.MAX_VALUE_BYTES * 2 + 1024;

    private final Secrets secrets;
    private final Supplier<List<FunctionState>> functions;
    private final Tenancy tenancy;
    private final JsonBodies json;
    private final InstantSource clock;

    /** @param functions every function now, whose environments may refer to secrets */
    public SecretsApi(Secrets secrets, Supplier<List<FunctionState>> functions, Tenancy tenancy, ObjectMapper mapper,
                      InstantSource clock) {
        this.secrets = secrets;
        this.tenancy = tenancy;
        this.functions = functions;
        this.json = new JsonBodies(mapper);
        this.clock = clock;
    }

    record SecretValue(String value) {
    }

    public void register(HttpRouting.Builder routing) {
        routing.put("/api/v1/secrets/{name}", (req, res) -> FunctionsApi.guarded(res, () -> put(req, res)))
                .get("/api/v1/secrets", (req, res) -> FunctionsApi.guarded(res, () ->
                        json.send(res, 200, Map.of("secrets", secrets.list().stream()
                                .filter(s -> tenancy.visible(FunctionsApi.scope(req), ResourceKind.SECRET, s.name()))
                                .toList()))))
                .get("/api/v1/secrets/{name}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = name(req);
                    json.send(res, 200, secrets.get(name).orElseThrow(() -> notFound(name)));
                }))
                .delete("/api/v1/secrets/{name}", (req, res) -> FunctionsApi.guarded(res, () -> delete(req, res)));
    }

    private void put(ServerRequest req, ServerResponse res) throws java.io.IOException {
        String name = name(req);
        SecretValue body = json.read(Payloads.read(req.content().inputStream(), MAX_BODY), SecretValue.class);
        if (body == null || body.value() == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "value is required: {\"value\": \"...\"}");
        }
        if (body.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Secrets.MAX_VALUE_BYTES) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "value must be at most " + Secrets.MAX_VALUE_BYTES
                    + " bytes");
        }
        if (body.value().indexOf('\0') >= 0) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "value must not contain NUL: it becomes an environment"
                    + " variable");
        }
        boolean created = secrets.put(name, body.value(), clock.instant());
        Secret stored = secrets.get(name).orElseThrow();
        json.send(res, created ? 201 : 200, stored);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String name = name(req);
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "Secret " + name + " is referred to by " + users
                    + "; remove the references first");
        }
        if (!secrets.delete(name)) {
            throw notFound(name);
        }
        res.status(204).send();
    }

    /** The functions (and versions) whose environment refers to {@code secret}. */
    private List<String> users(String secret) {
        var users = new TreeSet<String>();
        for (FunctionState state : functions.get()) {
            Stream.concat(Stream.of(state.latest()), state.versions().stream())
                    .filter(r -> Secrets.references(r.config().environment()).contains(secret))
                    .forEach(r -> users.add(r.name() + (r.isLatest() ? "" : ":" + r.version())));
        }
        return new ArrayList<>(users);
    }

    private static String name(ServerRequest req) {
        String name = req.path().pathParameters().get("name");
        if (!Secrets.isName(name)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "a secret name is 1-64 letters, digits, '.', '_' or '-', not only dots");
        }
        return name;
    }

    private static ApiException notFound(String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Secret not found: " + name);
    }

}
