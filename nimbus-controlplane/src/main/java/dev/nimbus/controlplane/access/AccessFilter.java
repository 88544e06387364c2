package dev.nimbus.controlplane.access;

import dev.nimbus.core.access.Caller;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionUrl;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Authenticates and authorises every request before it reaches a route.
 * <ol>
 * <li>A function route or URL the function made public ({@link PublicRoutes}) passes untouched,
 *     its {@code Authorization} header included (the function may use it).</li>
 * <li>An API key in {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>} must be a
 *     current key (else 401) whose role grants the request's permission ({@link AccessRules},
 *     {@link AccessPolicy}; else 403); the {@link Caller} is then put in the request's context.
 *     On {@code POST /api/v1/events} a function's publish token is accepted too.</li>
 * <li>Without an API key, the AWS-compatible APIs (Lambda, function URLs, S3) go on to their own
 *     SigV4 check, which needs the body; if the signing key is known, its role must grant the
 *     request first (else 403 in that API's error format).</li>
 * <li>Anything else is 401.</li>
 * </ol>
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

    private final ApiKeys keys;
    private final PublicRoutes publicRoutes;
    private final Predicate<String> publishToken;

    /** @param publishToken whether a bearer token is a function's valid publish token */
    public AccessFilter(ApiKeys keys, FunctionCatalog catalog, Predicate<String> publishToken) {
        this.keys = keys;
        this.publicRoutes = new PublicRoutes(catalog);
        this.publishToken = publishToken;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        AccessRules.Rule rule = AccessRules.rule(req.prologue().method().text(), req.path().path(), req.path().rawPath());
        if (publicRoutes.isPublic(rule)) {
            chain.proceed();
            return;
        }
        String token = apiKey(req);
        if (token != null) {
            Optional<Caller> caller = keys.authenticate(token);
            if (caller.isPresent() && AccessPolicy.allows(caller.get().role(), rule.permission())) {
                req.context().register(caller.get());
                chain.proceed();
            } else if (caller.isPresent()) {
                forbidden(res, rule.surface());
            } else if (AccessPolicy.allowsPublisher(rule.permission()) && publishToken.test(token)) {
                chain.proceed();
            } else {
                unauthorized(res);
            }
            return;
        }
        if (rule.surface().signed()) {
            String keyId = SigV4Credential.accessKeyId(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                    req.query().first("X-Amz-Credential").orElse(null));
            if (keyId != null && keys.role(keyId).filter(r -> !AccessPolicy.allows(r, rule.permission())).isPresent()) {
                forbidden(res, rule.surface());
            } else {
                chain.proceed();
            }
            return;
        }
        unauthorized(res);
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

    /** 403 in the format of the API asked: the native error document, Lambda's, or S3's XML. */
    private static void forbidden(RoutingResponse res, AccessRules.Surface surface) {
        String id = UUID.randomUUID().toString();
        switch (surface) {
            case NATIVE, FUNCTION_ROUTE -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.header(REQUEST_ID, id);
                res.status(ErrorCode.FORBIDDEN.status()).send(ErrorBody.json(ErrorCode.FORBIDDEN, FORBIDDEN, id));
            }
            case LAMBDA, FUNCTION_URL -> {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.header(AMZN_REQUEST_ID, id);
                res.header(AMZN_ERROR_TYPE, "AccessDeniedException");
                res.status(403).send(("{\"Message\":\"" + ErrorBody.escape(FORBIDDEN) + "\"}")
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
