package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.AliasRequest;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.function.ProvisionedStatus;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionState;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;

/**
 * The native API for published versions, aliases and reserved concurrency:
 * <pre>
 * POST   /api/v1/functions/{name}/versions             {"description"?, "codeSha256"?, "revisionId"?} → 201 version
 * GET    /api/v1/functions/{name}/versions             → {"versions":[$LATEST, 1, 2, ...]}
 * DELETE /api/v1/functions/{name}/versions/{version}   → 204 (409 while an alias routes to it)
 * GET    /api/v1/functions/{name}/aliases              → {"aliases":[...]}
 * GET    /api/v1/functions/{name}/aliases/{alias}      → alias
 * PUT    /api/v1/functions/{name}/aliases/{alias}      {"version", "description"?, "additionalVersion"?,
 *                                                       "additionalWeight"?, "revisionId"?} → 201 new / 200 updated
 * DELETE /api/v1/functions/{name}/aliases/{alias}      → 204
 * PUT    /api/v1/functions/{name}/concurrency          {"reservedConcurrency": 0-1000} → 200
 * DELETE /api/v1/functions/{name}/concurrency          → 204
 * GET    /api/v1/functions/{name}/provisioned-concurrency               → {"provisionedConcurrency":[...]}
 * GET    /api/v1/functions/{name}/provisioned-concurrency/{qualifier}   → provisioned concurrency
 * PUT    /api/v1/functions/{name}/provisioned-concurrency/{qualifier}   {"instances": 1..concurrency} → 200
 * DELETE /api/v1/functions/{name}/provisioned-concurrency/{qualifier}   → 204
 * </pre>
 */
public final class VersionsApi {
    private final FunctionService functions;
    private final JsonBodies json;

    public VersionsApi(FunctionService functions, ObjectMapper mapper) {
        this.functions = functions;
        this.json = new JsonBodies(mapper);
    }

    /** What a publish may state. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PublishRequest(String description, String codeSha256, String revisionId) {
    }

    /** A reserved-concurrency setting. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ConcurrencyRequest(Integer reservedConcurrency) {
    }

    /** A provisioned-concurrency setting. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ProvisionedRequest(Integer instances) {
    }

    /**
     * Provisioned concurrency as the native API shows it.
     *
     * @param instances requested instances
     * @param allocated of those, instances started and initialised now
     * @param status    {@code READY} when all are, else {@code IN_PROGRESS}
     */
    record ProvisionedView(String function, String qualifier, int instances, int allocated, String status,
                           String updatedAt) {
        static ProvisionedView of(ProvisionedStatus p) {
            return new ProvisionedView(p.config().function(), p.config().qualifier(), p.config().requested(),
                    p.allocated(), p.status(), p.config().updatedAt().toString());
        }
    }

    /** An alias as the native API shows it. */
    record AliasView(String function, String name, String version, String description, String additionalVersion,
                     double additionalWeight, String revisionId, String updatedAt) {
        static AliasView of(Alias a) {
            return new AliasView(a.function(), a.name(), a.version(), a.description(), a.additionalVersion(),
                    a.additionalWeight(), a.revisionId(), a.updatedAt().toString());
        }
    }

    public void register(HttpRouting.Builder routing) {
        String fn = "/api/v1/functions/{name}";
        routing.post(fn + "/versions", (req, res) -> FunctionsApi.guarded(res, () -> publish(req, res)))
                .get(fn + "/versions", (req, res) -> FunctionsApi.guarded(res, () -> {
                    FunctionState state = functions.get(name(req));
                    var versions = new ArrayList<FunctionView>();
                    versions.add(FunctionView.of(state));
                    state.versions().forEach(v -> versions.add(FunctionView.of(v, state.reservedConcurrency(), null)));
                    json.send(res, 200, Map.of("versions", versions));
                }))
                .delete(fn + "/versions/{version}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    functions.deleteVersion(name(req), req.path().pathParameters().get("version"));
                    noContent(res);
                }))
                .get(fn + "/aliases", (req, res) -> FunctionsApi.guarded(res, () -> json.send(res, 200, Map.of("aliases",
                        functions.get(name(req)).aliases().stream().map(AliasView::of).toList()))))
                .get(fn + "/aliases/{alias}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = name(req);
                    String alias = req.path().pathParameters().get("alias");
                    json.send(res, 200, AliasView.of(functions.get(name).alias(alias)
                            .orElseThrow(() -> FunctionService.aliasNotFound(name, alias))));
                }))
                .put(fn + "/aliases/{alias}", (req, res) -> FunctionsApi.guarded(res, () -> putAlias(req, res)))
                .delete(fn + "/aliases/{alias}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    functions.deleteAlias(name(req), req.path().pathParameters().get("alias"));
                    noContent(res);
                }))
                .put(fn + "/concurrency", (req, res) -> FunctionsApi.guarded(res, () -> {
                    var request = json.read(body(req), ConcurrencyRequest.class);
                    if (request.reservedConcurrency() == null) {
                        throw new dev.nimbus.core.function.ValidationException("reservedConcurrency",
                                "is required (0-1000); DELETE removes the reservation");
                    }
                    functions.setReservedConcurrency(name(req), request.reservedConcurrency());
                    json.send(res, 200, request);
                }))
                .delete(fn + "/concurrency", (req, res) -> FunctionsApi.guarded(res, () -> {
                    functions.setReservedConcurrency(name(req), null);
                    noContent(res);
                }))
                .get(fn + "/provisioned-concurrency", (req, res) -> FunctionsApi.guarded(res, () -> json.send(res, 200,
                        Map.of("provisionedConcurrency",
                                functions.listProvisioned(name(req)).stream().map(ProvisionedView::of).toList()))))
                .get(fn + "/provisioned-concurrency/{qualifier}", (req, res) -> FunctionsApi.guarded(res, () ->
                        json.send(res, 200, ProvisionedView.of(functions.provisioned(name(req), qualifier(req))))))
                .put(fn + "/provisioned-concurrency/{qualifier}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    var request = json.read(body(req), ProvisionedRequest.class);
                    if (request.instances() == null) {
                        throw new dev.nimbus.core.function.ValidationException("instances",
                                "is required (1..concurrency); DELETE removes the provisioned concurrency");
                    }
                    functions.putProvisioned(name(req), qualifier(req), request.instances());
                    json.send(res, 200, ProvisionedView.of(functions.provisioned(name(req), qualifier(req))));
                }))
                .delete(fn + "/provisioned-concurrency/{qualifier}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    functions.deleteProvisioned(name(req), qualifier(req));
                    noContent(res);
                }));
    }

    private void publish(ServerRequest req, ServerResponse res) throws IOException {
        byte[] body = body(req);
        var request = body.length == 0 ? new PublishRequest(null, null, null) : json.read(body, PublishRequest.class);
        FunctionState before = functions.get(name(req));
        var version = functions.publish(before.name(), request.codeSha256(), request.description(), request.revisionId());
        json.send(res, 201, FunctionView.of(version, before.reservedConcurrency(), null));
    }

    private void putAlias(ServerRequest req, ServerResponse res) throws IOException {
        String name = name(req);
        String alias = req.path().pathParameters().get("alias");
        var request = json.read(body(req), AliasRequest.class);
        if (ApiResponses.createOnly(req)) {
            json.send(res, 201, AliasView.of(functions.putAlias(name, alias, request, true)));
            return;
        }
        var saved = functions.upsertAlias(name, alias, request);
        json.send(res, saved.created() ? 201 : 200, AliasView.of(saved.alias()));
    }

    private static byte[] body(ServerRequest req) throws IOException {
        return Payloads.read(req.content().inputStream(), 64 * 1024);
    }

    private static String qualifier(ServerRequest req) {
        return req.path().pathParameters().get("qualifier");
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private static void noContent(ServerResponse res) {
        res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId()).status(204).send();
    }
}
