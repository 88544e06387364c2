package dev.nimbus.controlplane.api;

import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Scope;
import dev.nimbus.core.tenancy.Tenancy;
import java.util.Optional;
import java.util.stream.Stream;
import dev.nimbus.controlplane.function.DeployRequest;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.code.InvalidCodeException;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.ValidationException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The native management API for functions and code:
 * <pre>
 * POST   /api/v1/code                  raw zip (≤ 50 MiB) → 201 {"sha256","size"}
 * GET    /api/v1/code/{sha256}         → the stored zip (application/zip)
 * PUT    /api/v1/functions/{name}      deploy or update → 201 (new) / 200 (update) function; 422 InitFailed
 *                                      when the update's new revision fails to initialise (the old one serves on)
 * GET    /api/v1/functions             → {"functions":[...]}
 * GET    /api/v1/functions/{name}      → function
 * DELETE /api/v1/functions/{name}      → 204
 * </pre>
 */
public final class FunctionsApi {
    /** Largest code archive accepted, as Lambda's direct upload: 50 MiB. */
    public static final long MAX_CODE_BYTES = 50L * 1024 * 1024;
    private final FunctionService functions;
    private final CodeStore code;
    private final JsonBodies json;
    private final Tenancy tenancy;

    public FunctionsApi(FunctionService functions, CodeStore code, Tenancy tenancy,
                        com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.functions = functions;
        this.code = code;
        this.tenancy = tenancy;
        this.json = new JsonBodies(mapper);
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/api/v1/code", (req, res) -> guarded(res, () -> uploadCode(req, res)))
                .get("/api/v1/code/{sha256}", (req, res) -> guarded(res, () -> downloadCode(req, res)))
                .get("/api/v1/functions", (req, res) -> guarded(res, () -> json.send(res, 200,
                        Map.of("functions", functions.list().stream()
                                .filter(f -> tenancy.visible(scope(req), ResourceKind.FUNCTION, f.name()))
                                .map(FunctionView::of).toList()))))
                .put("/api/v1/functions/{name}", (req, res) -> guarded(res, () -> deploy(req, res)))
                .get("/api/v1/functions/{name}", (req, res) -> guarded(res, () ->
                        json.send(res, 200, FunctionView.of(functions.get(name(req))))))
                .delete("/api/v1/functions/{name}", (req, res) -> guarded(res, () -> {
                    functions.delete(name(req));
                    res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId()).status(204).send();
                }));
    }

    private void uploadCode(ServerRequest req, ServerResponse res) throws IOException {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > MAX_CODE_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Code archive must be at most " + MAX_CODE_BYTES + " bytes");
        }
        String namespace = scope(req).map(Scope::namespace).orElse(Namespace.DEFAULT);
        Long max = tenancy.namespace(namespace).map(Namespace::maxCodeBytes).orElse(null);
        InputStream in = req.content().inputStream();
        if (max != null) {
            if (declared > max) {
                throw codeQuota(namespace, max);
            }
            in = capped(in, max, () -> codeQuota(namespace, max)); // also without a declared length
        }
        try {
            var stored = code.put(in);
            json.send(res, 201, Map.of("sha256", stored.sha256(), "size", stored.size()));
        } catch (InvalidCodeException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, e.getMessage());
        }
    }

    private static ApiException codeQuota(String namespace, long max) {
        return new ApiException(ErrorCode.QUOTA_EXCEEDED, "Namespace " + namespace + " allows code archives of at most "
                + max + " bytes (its maxCodeBytes quota)");
    }

    /** {@code in}, throwing {@code refusal} rather than read past {@code max} bytes. */
    private static InputStream capped(InputStream in, long max, java.util.function.Supplier<ApiException> refusal) {
        return new java.io.FilterInputStream(in) {
            private long left = max;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, left + 1));
                if (n > 0) {
                    left -= n;
                    if (left < 0) {
                        throw refusal.get();
                    }
                }
                return n;
            }
        };
    }

    private void downloadCode(ServerRequest req, ServerResponse res) throws IOException {
        String sha = req.path().pathParameters().get("sha256");
        Optional<Scope> scope = scope(req);
        boolean used = scope.isEmpty() || functions.list().stream()
                .filter(f -> tenancy.visible(scope, ResourceKind.FUNCTION, f.name()))
                .flatMap(f -> Stream.concat(Stream.of(f.latest()), f.versions().stream()))
                .anyMatch(r -> r.codeSha256().equals(sha));
        if (!used) {
            throw codeNotFound(); // only code a function of the caller's namespace runs
        }
        var stored = code.find(sha).orElseThrow(FunctionsApi::codeNotFound);
        try (InputStream zip = code.open(sha).orElseThrow(FunctionsApi::codeNotFound)) {
            res.header(HeaderNames.CONTENT_TYPE, "application/zip");
            res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId());
            res.contentLength(stored.size());
            try (OutputStream out = res.outputStream()) {
                zip.transferTo(out);
            }
        }
    }

    private static ApiException codeNotFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "No stored code archive has this sha256");
    }

    private void deploy(ServerRequest req, ServerResponse res) throws IOException {
        String name = FunctionName.require(req.path().pathParameters().get("name"));
        byte[] body = Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
        DeployRequest request = json.read(body, DeployRequest.class);
        var deployed = functions.deploy(name, request,
                ApiResponses.createOnly(req) ? FunctionService.Mode.CREATE : FunctionService.Mode.UPSERT);
        FunctionState state = functions.get(name);
        // revisions count from 1 again after a delete, so revision 1 is exactly "this deploy created it"
        json.send(res, deployed.revision() == 1 ? 201 : 200,
                FunctionView.of(deployed, state.reservedConcurrency(), state.lastUpdate()));
    }

    /** The namespace a request acts in; empty when authentication is off. */
    static Optional<Scope> scope(ServerRequest req) {
        return req.context().get(Scope.class);
    }

    private static String name(ServerRequest req) {
        String name = req.path().pathParameters().get("name");
        if (!FunctionName.isValid(name)) {
            throw Messages.functionNotFound(name);
        }
        return name;
    }

    /** Runs a handler, answering validation and API errors as native error documents. */
    static void guarded(ServerResponse res, ApiAction action) {
        try {
            action.run();
        } catch (ValidationException e) {
            ApiResponses.error(res, new ApiException(ErrorCode.INVALID_PARAMETER, e.getMessage()));
        } catch (ApiException e) {
            ApiResponses.error(res, e);
        } catch (IOException e) {
            ApiResponses.error(res, new ApiException(ErrorCode.INVALID_PARAMETER, "the request body could not be read"));
        }
    }

    @FunctionalInterface
    interface ApiAction {
        void run() throws IOException;
    }
}
