package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.lambda.ResponseShapes.FunctionUrlConfig;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.FunctionUrl;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Function URL configurations (lambda-compat.md §5.9) of a function or one of its aliases. The
 * URL handed out is {@code http://<Host of the request>/url/<url id>/}.
 *
 * <p>Threading: stateless; called from request threads.
 */
final class UrlsResource {
    private static final String ALIAS_ONLY = "((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
    private final FunctionService functions;
    private final LambdaJson json;

    UrlsResource(FunctionService functions, LambdaJson json) {
        this.functions = functions;
        this.json = json;
    }

    Reply create(Exchange ex) {
        FunctionRef ref = aliasOrFunction(ex);
        var in = json.read(ex.body(), RequestShapes.FunctionUrlConfig.class);
        if (in.authType() == null) {
            throw LambdaErrors.required("authType");
        }
        if (Lookups.state(functions, ref).url(ref.qualifier()).isPresent()) {
            throw LambdaErrors.conflict("Failed to create function url config for [functionArn = " + ref.arn()
                    + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
        }
        FunctionUrl url = functions.putUrl(ref.name(), ref.qualifier(), in.authType(), cors(in), in.invokeMode(), true);
        return Reply.created(shape(url, ex.host(), false));
    }

    Reply get(Exchange ex) {
        FunctionRef ref = aliasOrFunction(ex);
        FunctionUrl url = Lookups.state(functions, ref).url(ref.qualifier())
                .orElseThrow(() -> LambdaErrors.notFound(LambdaErrors.URL_NOT_FOUND));
        return Reply.ok(shape(url, ex.host(), true));
    }

    /** UpdateFunctionUrlConfig: members left out keep their value. */
    Reply update(Exchange ex) {
        FunctionRef ref = aliasOrFunction(ex);
        var in = json.read(ex.body(), RequestShapes.FunctionUrlConfig.class);
        Lookups.state(functions, ref);
        FunctionUrl url = functions.putUrl(ref.name(), ref.qualifier(), in.authType(), cors(in), in.invokeMode(), false);
        return Reply.ok(shape(url, ex.host(), true));
    }

    Reply delete(Exchange ex) {
        FunctionRef ref = aliasOrFunction(ex);
        Lookups.state(functions, ref);
        functions.deleteUrl(ref.name(), ref.qualifier());
        return Reply.noContent();
    }

    /** ListFunctionUrlConfigs: the function's own URL first, then its aliases' by name. */
    Reply list(Exchange ex) {
        FunctionState state = Lookups.state(functions, ex.unqualifiedRef());
        Function<FunctionUrl, String> key = u -> u.qualifier() == null ? "" : "/" + u.qualifier();
        List<FunctionUrl> urls = state.urls().stream().sorted(Comparator.comparing(key)).toList();
        var page = Pages.page(urls, key, ex.query("Marker"), ex.query("MaxItems"));
        return Reply.ok(new ResponseShapes.ListFunctionUrlConfigs(
                page.items().stream().map(u -> shape(u, ex.host(), true)).toList(), page.nextMarker()));
    }

    private static FunctionRef aliasOrFunction(Exchange ex) {
        FunctionRef ref = ex.ref();
        String q = ref.qualifier();
        if (q != null && !q.matches(ALIAS_ONLY)) {
            throw LambdaErrors.validation(q, "qualifier", "Member must satisfy regular expression pattern: " + ALIAS_ONLY);
        }
        return ref;
    }

    /** Far above any real CORS setting, small enough for every URL's settings to live in memory. */
    private static final int MAX_CORS_CHARS = 8192;

    private String cors(RequestShapes.FunctionUrlConfig in) {
        if (in.cors() == null) {
            return null;
        }
        if (!in.cors().isObject()) {
            throw LambdaErrors.badJson("Cors must be an object");
        }
        String text = json.text(in.cors());
        if (text.length() > MAX_CORS_CHARS) {
            throw LambdaErrors.invalidParameter("Cors must be at most " + MAX_CORS_CHARS + " characters of JSON");
        }
        return text;
    }

    private FunctionUrlConfig shape(FunctionUrl u, String host, boolean withLastModified) {
        return new FunctionUrlConfig("http://" + host + "/url/" + u.urlId() + "/", Arns.function(u.function(), u.qualifier()),
                u.authType(), json.tree(u.cors()), Configurations.timestamp(u.createdAt()),
                withLastModified ? Configurations.timestamp(u.updatedAt()) : null, u.invokeMode());
    }
}
