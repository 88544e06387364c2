package dev.nimbus.controlplane.access;

import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.Signer;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Scope;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Authenticates and authorises every request before it reaches a route.
 * <ol>
 * <li>A function route or URL the function made public ({@link PublicRoutes}) passes untouched,
 *     its {@code Authorization} header included (the function may use it); so do the
 *     dashboard's static files.</li>
 * <li>An API key in {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>} must be a
 *     current key (else 401) whose role grants the request's permission ({@link AccessRules},
 *     {@link AccessPolicy}; else 403); the {@link Caller} is then put in the request's context.
 *     On {@code POST /api/v1/events} a function's publish token is accepted too.</li>
 * <li>Without an API key, the AWS-compatible APIs (Lambda, function URLs, S3) go on to their own
 *     SigV4 check, which needs the body; if the signing key is known, its role must grant the
 *     request first (else 403 in that API's error format).</li>
 * <li>Anything else is 401.</li>
 * </ol>
 * An admitted request acts in a namespace, put in its context as its {@link Scope}: the key's (a
 * publish token's: its function's), or for an installation administrator the one named in
 * {@code X-Nimbus-Namespace}. The resource its path names ({@link AccessRules.Ref}) must be that
 * namespace's (else 403); a PUT of a name no namespace has claimed claims it for this one. Lists
 * and references in bodies are checked by the APIs, against the same scope.
 * Refusals never say more than "missing or invalid" (401) or "not allowed" (403), and no key is
 * ever logged.
 *
 * <p>Threading: stateless; runs on the server's request threads.
 */
public final class AccessFilter implements Filter {
    static final HeaderName API_KEY = HeaderNames.create("X-Api-Key");
    private static final HeaderName REQUEST_ID = HeaderNames.create("X-Nimbus-Request-Id");
    private static final HeaderName AMZN_REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    private static final HeaderName AMZN_ERROR_TYPE = HeaderNames.create("x-amzn-ErrorType");
    static final String UNAUTHORIZED = "A valid API key is required (Authorization: Bearer <key>)";
    static final String FORBIDDEN = "The API key's role does not allow this request";
    static final String NOT_YOURS = "The resource is not in this namespace";
    static final String OTHER_NAMESPACE = "Only an admin key of the default namespace may act in another namespace";
    static final String NO_NAMESPACE = "The namespace does not exist";
    private static final HeaderName NAMESPACE = HeaderNames.create(Scope.HEADER);

    private final ApiKeys keys;
    private final Namespaces namespaces;
    private final FunctionCatalog catalog;
    private final PublicRoutes publicRoutes;
    private final Function<String, Optional<String>> publisher;

    /** @param publisher the function a bearer token is the valid publish token of, if it is one */
    public AccessFilter(ApiKeys keys, Namespaces namespaces, FunctionCatalog catalog,
                        Function<String, Optional<String>> publisher) {
        this.keys = keys;
        this.namespaces = namespaces;
        this.catalog = catalog;
        this.publicRoutes = new PublicRoutes(catalog);
        this.publisher = publisher;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        AccessRules.Rule rule = AccessRules.rule(req.prologue().method().text(), req.path().path(), req.path().rawPath());
        if (rule.surface() == AccessRules.Surface.DASHBOARD || publicRoutes.isPublic(rule)) {
            chain.proceed();
            return;
        }
        String token = apiKey(req);
        if (token != null) {
            Optional<Caller> caller = keys.authenticate(token);
            Optional<String> function = caller.isEmpty() && AccessPolicy.allowsPublisher(rule.permission())
                    ? publisher.apply(token) : Optional.empty();
            if (caller.isPresent() && AccessPolicy.allows(caller.get(), rule.permission())) {
                req.context().register(caller.get());
                admit(chain, req, res, rule, actingNamespace(caller.get(), req));
            } else if (caller.isPresent()) {
                forbidden(res, rule.surface(), FORBIDDEN);
            } else if (function.isPresent()) {
                admit(chain, req, res, rule, Either.namespace(namespaces.namespaceOf(function.get())));
            } else {
                unauthorized(res);
            }
            return;
        }
        if (rule.surface().signed()) {
            String keyId = SigV4Credential.accessKeyId(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                    req.query().first("X-Amz-Credential").orElse(null));
            Optional<Caller> signer = keyId == null ? Optional.empty() : keys.signer(keyId);
            if (signer.isEmpty()) {
                chain.proceed(); // with no Signer in its context, the API's signature check accepts no key
            } else if (!AccessPolicy.allows(signer.get(), rule.permission())) {
                forbidden(res, rule.surface(), FORBIDDEN);
            } else {
                req.context().register(new Signer(signer.get().keyId()));
                admit(chain, req, res, rule, Either.namespace(signer.get().namespace()));
            }
            return;
        }
        unauthorized(res);
    }

    /** The namespace an authenticated caller acts in, or why it may not. */
    private Either actingNamespace(Caller caller, RoutingRequest req) {
        String named = req.headers().first(NAMESPACE).map(String::strip).orElse(null);
        if (named == null || named.equals(caller.namespace())) {
            return Either.namespace(caller.namespace());
        }
        if (!caller.administersInstallation()) {
            return Either.refusal(OTHER_NAMESPACE);
        }
        return Namespace.isName(named) && namespaces.namespace(named).isPresent() ? Either.namespace(named)
                : Either.refusal(NO_NAMESPACE);
    }

    /**
     * Lets the request through in {@code acting}'s namespace (registered as its {@link Scope})
     * if that namespace exists and owns the resource the path names; a PUT of an unclaimed
     * resource claims it first, and any other request treats an unclaimed name as the default
     * namespace's (as {@link Namespaces#owns} does).
     */
    private void admit(FilterChain chain, RoutingRequest req, RoutingResponse res, AccessRules.Rule rule, Either acting) {
        if (acting.refusal() != null) {
            forbidden(res, rule.surface(), acting.refusal());
            return;
        }
        String namespace = acting.namespace();
        if (namespaces.namespace(namespace).isEmpty()) {
            forbidden(res, rule.surface(), NO_NAMESPACE);
            return;
        }
        AccessRules.Ref ref = rule.ref();
        if (ref == null && rule.surface() == AccessRules.Surface.FUNCTION_ROUTE) {
            forbidden(res, rule.surface(), NOT_YOURS); // no function can be told from the path: nothing to grant
            return;
        }
        if (ref == null && rule.surface() == AccessRules.Surface.FUNCTION_URL && rule.target() != null) {
            ref = catalog.url(rule.target()).map(u -> new AccessRules.Ref(ResourceKind.FUNCTION, u.function(), false))
                    .orElse(null);
        }
        if (ref != null) {
            Optional<String> owner = namespaces.owner(ref.kind(), ref.name());
            if (owner.isEmpty() && ref.creates()) {
                try {
                    owner = Optional.of(namespaces.claim(ref.kind(), ref.name(), namespace));
                } catch (ApiException e) { // the namespace was deleted meanwhile
                    forbidden(res, rule.surface(), NO_NAMESPACE);
                    return;
                }
            }
            if (!owner.orElse(Namespace.DEFAULT).equals(namespace)) {
                forbidden(res, rule.surface(), NOT_YOURS);
                return;
            }
        }
        req.context().register(new Scope(namespace));
        chain.proceed();
    }

    /** A namespace, or why there is none. */
    private record Either(String namespace, String refusal) {
        static Either namespace(String namespace) {
            return new Either(namespace, null);
        }

        static Either refusal(String why) {
            return new Either(null, why);
        }
    }

    /** The API key sent, or null: {@code Authorization: Bearer}, else {@code X-Api-Key}. */
    private static String apiKey(RoutingRequest req) {
        String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return req.headers().first(API_KEY).map(String::strip).orElse(null);
    }

    private static void unauthorized(RoutingResponse res) {
        String id = UUID.randomUUID().toString();
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(REQUEST_ID, id);
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        res.status(ErrorCode.UNAUTHORIZED.status()).send(ErrorBody.json(ErrorCode.UNAUTHORIZED, UNAUTHORIZED, id));
    }

    /** 403 in the format of the API asked: the native error document, Lambda's, or S3's XML (which says no more than Access Denied). */
    private static void forbidden(RoutingResponse res, AccessRules.Surface surface, String message) {
        String id = UUID.randomUUID().toString();
        switch (surface) {
            case NATIVE, FUNCTION_ROUTE, DASHBOARD -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.header(REQUEST_ID, id);
                res.status(ErrorCode.FORBIDDEN.status()).send(ErrorBody.json(ErrorCode.FORBIDDEN, message, id));
            }
            case LAMBDA, FUNCTION_URL -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.header(AMZN_REQUEST_ID, id);
                res.header(AMZN_ERROR_TYPE, "AccessDeniedException");
                res.status(403).send(("{\"Message\":\"" + ErrorBody.escape(message) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case S3 -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/xml");
                res.header(HeaderNames.create("x-amz-request-id"), id);
                res.status(403).send(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                        + "<Message>Access Denied</Message><RequestId>" + id + "</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Function routes and URLs that need no key: those of a function URL with {@code AuthType NONE}. */
    static final class PublicRoutes {
        private final FunctionCatalog catalog;

        PublicRoutes(FunctionCatalog catalog) {
            this.catalog = catalog;
        }

        /**
         * {@code /url/{id}} of a URL with AuthType NONE; {@code /fn/{name}[:{qualifier}]} when the
         * function (unqualified or {@code $LATEST}) or that alias has such a URL.
         */
        boolean isPublic(AccessRules.Rule rule) {
            if (rule.target() == null) {
                return false;
            }
            return switch (rule.surface()) {
                case FUNCTION_URL -> catalog.url(rule.target()).filter(PublicRoutes::open).isPresent();
                case FUNCTION_ROUTE -> {
                    int colon = rule.target().indexOf(':');
                    String name = colon < 0 ? rule.target() : rule.target().substring(0, colon);
                    String qualifier = colon < 0 ? null : rule.target().substring(colon + 1);
                    String urlQualifier = qualifier == null || qualifier.equals("$LATEST") ? null : qualifier;
                    yield catalog.state(name).flatMap(s -> s.url(urlQualifier)).filter(PublicRoutes::open).isPresent();
                }
                default -> false;
            };
        }

        private static boolean open(FunctionUrl url) {
            return "NONE".equals(url.authType());
        }
    }
}
