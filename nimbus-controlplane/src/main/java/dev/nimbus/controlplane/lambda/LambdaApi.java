package dev.nimbus.controlplane.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.Signer;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.tenancy.Scope;
import dev.nimbus.core.tenancy.Tenancy;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfigStore;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Lambda management API (2015-03-31 and its later date prefixes) as a second facade over the
 * function service that the native API uses (lambda-compat.md §5):
 * <pre>
 * POST   /2015-03-31/functions                              CreateFunction (201)
 * GET    /2015-03-31/functions                              ListFunctions
 * GET    /2015-03-31/functions/{name}                       GetFunction
 * DELETE /2015-03-31/functions/{name}[?Qualifier=]          DeleteFunction (204)
 * GET|PUT /2015-03-31/functions/{name}/configuration        GetFunctionConfiguration, UpdateFunctionConfiguration
 * PUT    /2015-03-31/functions/{name}/code                  UpdateFunctionCode
 * POST|GET /2015-03-31/functions/{name}/versions            PublishVersion (201), ListVersionsByFunction
 * POST|GET /2015-03-31/functions/{name}/aliases             CreateAlias (201), ListAliases
 * GET|PUT|DELETE /2015-03-31/functions/{name}/aliases/{alias}  GetAlias, UpdateAlias, DeleteAlias (204)
 * PUT|DELETE /2017-10-31/functions/{name}/concurrency       Put/DeleteFunctionConcurrency (204)
 * GET    /2019-09-30/functions/{name}/concurrency           GetFunctionConcurrency
 * PUT|GET|DELETE /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=
 *                                                           Put (202)/Get/DeleteProvisionedConcurrencyConfig (204)
 * GET    /2019-09-30/functions/{name}/provisioned-concurrency?List=ALL  ListProvisionedConcurrencyConfigs
 * POST|GET|PUT|DELETE /2021-10-31/functions/{name}/url      Create (201)/Get/Update/DeleteFunctionUrlConfig (204)
 * GET    /2021-10-31/functions/{name}/urls                  ListFunctionUrlConfigs
 * PUT|POST|GET|DELETE /2019-09-25/functions/{name}/event-invoke-config[?Qualifier=]
 *                                                           Put/Update/Get/DeleteFunctionEventInvokeConfig (204)
 * GET    /2019-09-25/functions/{name}/event-invoke-config/list  ListFunctionEventInvokeConfigs
 * </pre>
 * Collection paths also accept a trailing slash. Every request is read, then authenticated with
 * {@link RequestAuth}, before anything else happens; every response carries {@code x-amzn-RequestId}.
 *
 * <p>Threading: stateless; handlers run on the server's request threads, one per request.
 */
public final class LambdaApi {
    static final HeaderName REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    static final HeaderName ERROR_TYPE = HeaderNames.create("x-amzn-ErrorType");
    /** AWS's request limit for CreateFunction and UpdateFunctionCode: a 50 MB zip, base64-encoded, in JSON. */
    static final int MAX_CODE_REQUEST = 69_905_067;
    /** Limit for every other request; none needs more than a few KB. */
    static final int MAX_REQUEST = 1 << 20;
    private static final System.Logger LOG = System.getLogger(LambdaApi.class.getName());
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private final RequestAuth auth;
    private final LambdaJson json;
    private final FunctionsResource functions;
    private final VersionsResource versions;
    private final ConcurrencyResource concurrency;
    private final ProvisionedResource provisioned;
    private final UrlsResource urls;
    private final EventInvokeConfigResource eventInvokeConfigs;

    private LambdaApi(FunctionService service, CodeStore code, DeliveryConfigStore deliveries, BusStore bus,
                      Tenancy tenancy, LambdaJson json, RequestAuth auth) {
        this.auth = auth;
        this.json = json;
        this.functions = new FunctionsResource(service, code, tenancy, json);
        this.versions = new VersionsResource(service, json);
        this.concurrency = new ConcurrencyResource(service, json);
        this.provisioned = new ProvisionedResource(service, json);
        this.urls = new UrlsResource(service, json);
        this.eventInvokeConfigs = new EventInvokeConfigResource(service, deliveries, bus, tenancy, json);
    }

    /**
     * @param deliveries where event invoke configurations are kept, as delivery configurations
"     * @param bus        where the topics destinations name are looked up
     * @param tenancy    the namespace of each function and topic
     * @param auth       checks every request before it is handled; {@link RequestAuth#OFF} lets all through
     */
    public static LambdaApi create(FunctionService service, CodeStore code, DeliveryConfigStore deliveries, BusStore bus,
                                   Tenancy tenancy, ObjectMapper mapper, RequestAuth auth) {
        return new LambdaApi(service, code, deliveries, bus, tenancy, new LambdaJson(mapper), auth);
    }

    public void register(HttpRouting.Builder routing) {
        String all = "/2015-03-31/functions";
        String one = all + "/{name}";
        String provisionedPath = "/2019-09-30/functions/{name}/provisioned-concurrency";
        String eventInvokePath = "/2019-09-25/functions/{name}/event-invoke-config";
        routing.post(all + "[/]", op("CreateFunction", MAX_CODE_REQUEST, functions::create))
                .get(all + "[/]", op("ListFunctions", functions::list))
                .get(one, op("GetFunction", functions::get))
                .delete(one, op("DeleteFunction", functions::delete))
                .get(one + "/configuration", op("GetFunctionConfiguration", functions::getConfiguration))
                .put(one + "/configuration", op("UpdateFunctionConfiguration", functions::updateConfiguration))
                .put(one + "/code", op("UpdateFunctionCode", MAX_CODE_REQUEST, functions::updateCode))
                .post(one + "/versions[/]", op("PublishVersion", versions::publish))
                .get(one + "/versions[/]", op("ListVersionsByFunction", versions::list))
                .post(one + "/aliases[/]", op("CreateAlias", versions::createAlias))
                .get(one + "/aliases[/]", op("ListAliases", versions::listAliases))
                .get(one + "/aliases/{alias}", op("GetAlias", versions::getAlias))
                .put(one + "/aliases/{alias}", op("UpdateAlias", versions::updateAlias))
                .delete(one + "/aliases/{alias}", op("DeleteAlias", versions::deleteAlias))
                .put("/2017-10-31/functions/{name}/concurrency", op("PutFunctionConcurrency", concurrency::put))
                .delete("/2017-10-31/functions/{name}/concurrency", op("DeleteFunctionConcurrency", concurrency::delete))
                .get("/2019-09-30/functions/{name}/concurrency", op("GetFunctionConcurrency", concurrency::get))
                .put(provisionedPath, op("PutProvisionedConcurrencyConfig", provisioned::put))
                .get(provisionedPath, op("GetProvisionedConcurrencyConfig", provisioned::get))
                .delete(provisionedPath, op("DeleteProvisionedConcurrencyConfig", provisioned::delete))
                .post("/2021-10-31/functions/{name}/url", op("CreateFunctionUrlConfig", urls::create))
                .get("/2021-10-31/functions/{name}/url", op("GetFunctionUrlConfig", urls::get))
                .put("/2021-10-31/functions/{name}/url", op("UpdateFunctionUrlConfig", urls::update))
                .delete("/2021-10-31/functions/{name}/url", op("DeleteFunctionUrlConfig", urls::delete))
                .get("/2021-10-31/functions/{name}/urls[/]", op("ListFunctionUrlConfigs", urls::list))
                .put(eventInvokePath, op("PutFunctionEventInvokeConfig", eventInvokeConfigs::put))
                .post(eventInvokePath, op("UpdateFunctionEventInvokeConfig", eventInvokeConfigs::update))
                .get(eventInvokePath + "/list", op("ListFunctionEventInvokeConfigs", eventInvokeConfigs::list))
                .get(eventInvokePath, op("GetFunctionEventInvokeConfig", eventInvokeConfigs::get))
                .delete(eventInvokePath, op("DeleteFunctionEventInvokeConfig", eventInvokeConfigs::delete));
    }

    /** One Lambda operation. */
    @FunctionalInterface
    interface Operation {
        Reply handle(Exchange exchange) throws IOException;
    }

    private Handler op(String name, Operation operation) {
        return op(name, MAX_REQUEST, operation);
    }

    private Handler op(String name, int maxBody, Operation operation) {
        return (req, res) -> handle(req, res, name, maxBody, operation);
    }

    private void handle(ServerRequest req, ServerResponse res, String name, int maxBody, Operation operation) {
        String requestId = UUID.randomUUID().toString();
        try {
            String method = req.prologue().method().text();
            var headers = headers(req);
            // a request the access filter authenticated with an API key carries no signature to check
            RequestAuth auth = req.context().get(Caller.class).isPresent() ? RequestAuth.OFF
                    : this.auth.signedBy(req.context().get(Signer.class).map(Signer::accessKeyId).orElse(null));
            RequestAuth.Refusal refusal = auth.checkHeaders(method, req.path().rawPath(), req.query().rawValue(), headers);
            if (refusal == null) {
                byte[] body = read(req, maxBody, name);
                refusal = auth.check(method, req.path().rawPath(), req.query().rawValue(), headers, body);
                if (refusal == null) {
                    send(res, operation.handle(exchange(req, body)), requestId);
                    return;
                }
            }
            LambdaErrors.send(res, new LambdaErrors.Fault(403, refusal.errorType(), refusal.message()), requestId);
        } catch (Exception e) {
            LambdaErrors.Fault fault = LambdaErrors.classify(e);
            if (fault == null) {
                LOG.log(System.Logger.Level.ERROR, "Lambda API " + name + " request " + requestId + " failed", e);
                fault = LambdaErrors.internal(requestId);
            }
            if (!res.isSent()) {
                LambdaErrors.send(res, fault, requestId);
            }
        }
    }

    private static byte[] read(ServerRequest req, int limit, String operation) throws IOException {
        if (req.headers().contentLength().orElse(0) > limit) {
            throw LambdaErrors.tooLarge(limit, operation);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw LambdaErrors.tooLarge(limit, operation);
            }
            return body;
        }
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Header h : req.headers()) {
            headers.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                    .addAll(h.allValues());
        }
        return headers;
    }

    private static Exchange exchange(ServerRequest req, byte[] body) {
        var params = req.path().pathParameters();
        Map<String, String> query = new HashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().first(name).orElse(""));
        }
        String host = req.headers().first(HeaderNames.HOST).filter(h -> HOST.matcher(h).matches()).orElse("localhost");
        return new Exchange(host, params.first("name").orElse(null), params.first("alias").orElse(null), query, body,
                req.context().get(Scope.class));
    }

    private void send(ServerResponse res, Reply reply, String requestId) {
        res.header(REQUEST_ID, requestId);
        if (reply.body() == null) {
            res.status(reply.status()).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(reply.status()).send(json.write(reply.body()));
    }
}
