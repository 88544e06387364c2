package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.function.AliasRequest;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.lambda.RequestShapes.PublishVersion;
import dev.nimbus.controlplane.lambda.RequestShapes.RoutingConfig;
import dev.nimbus.controlplane.lambda.ResponseShapes.AliasConfiguration;
import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Published versions and aliases (lambda-compat.md §5.6), each a call of the function service.
 *
 * <p>Threading: stateless; called from request threads.
 */
final class VersionsResource {
    private static final String WEIGHT_RANGE = "Map value must satisfy constraint: [Member must have value less than "
            + "or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]";
    private final FunctionService functions;
    private final LambdaJson json;

    VersionsResource(FunctionService functions, LambdaJson json) {
        this.functions = functions;
        this.json = json;
    }

    /** PublishVersion: freezes {@code $LATEST} as the next version, or returns the newest if nothing changed. */
    Reply publish(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        PublishVersion in = json.read(ex.body(), PublishVersion.class);
        FunctionRevision latest = Lookups.state(functions, ref).latest();
        String hex = null;
        if (in.codeSha256() != null) {
            hex = Configurations.hex(in.codeSha256());
            if (hex == null || !hex.equals(latest.codeSha256())) {
                throw LambdaErrors.preconditionFailed("CodeSHA256 (" + in.codeSha256() + ") is different from current "
                        + "CodeSHA256 in $LATEST (" + Configurations.base64(latest.codeSha256())
                        + "). Please try again with the current CodeSHA256.");
            }
        }
        FunctionRevision version = functions.publish(ref.name(), hex, in.description(), in.revisionId());
        return Reply.created(Configurations.full(version, version.version()));
    }

    /** ListVersionsByFunction: {@code $LATEST} (ARN qualified with it), then the versions ascending. */
    Reply list(Exchange ex) {
        FunctionState state = Lookups.state(functions, ex.unqualifiedRef());
        List<FunctionRevision> all = new ArrayList<>();
        all.add(state.latest());
        all.addAll(state.versions());
        var page = Pages.page(all, r -> Pages.versionKey(r.version()), ex.query("Marker"), ex.query("MaxItems"));
        return Reply.ok(new ResponseShapes.ListVersions(
                page.items().stream().map(r -> Configurations.listed(r, r.version())).toList(), page.nextMarker()));
    }

    Reply createAlias(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        RequestShapes.Alias in = json.read(ex.body(), RequestShapes.Alias.class);
        if (in.name() == null) {
            throw LambdaErrors.required("name");
        }
        if (in.functionVersion() == null) {
            throw LambdaErrors.required("functionVersion");
        }
        Lookups.state(functions, ref);
        Alias alias = functions.putAlias(ref.name(), in.name(), request(in, null), true);
        return Reply.created(shape(alias));
    }

    Reply getAlias(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        FunctionState state = Lookups.state(functions, ref);
        return Reply.ok(shape(state.alias(ex.alias())
                .orElseThrow(() -> LambdaErrors.aliasNotFound(ref.name(), ex.alias()))));
    }

    /** UpdateAlias: members left out keep their value; a RoutingConfig replaces the routing (empty clears it). */
    Reply updateAlias(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        RequestShapes.Alias in = json.read(ex.body(), RequestShapes.Alias.class);
        FunctionState state = Lookups.state(functions, ref);
        if (state.alias(ex.alias()).isEmpty()) {
            throw LambdaErrors.aliasNotFound(ref.name(), ex.alias());
        }
        return Reply.ok(shape(functions.putAlias(ref.name(), ex.alias(), request(in, in.revisionId()), false)));
    }

    Reply deleteAlias(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        FunctionState state = Lookups.state(functions, ref);
        if (state.alias(ex.alias()).isEmpty()) {
            throw LambdaErrors.aliasNotFound(ref.name(), ex.alias());
        }
        functions.deleteAlias(ref.name(), ex.alias());
        return Reply.noContent();
    }

    /** ListAliases: by name, optionally only those whose primary version is {@code FunctionVersion}. */
    Reply listAliases(Exchange ex) {
        FunctionState state = Lookups.state(functions, ex.unqualifiedRef());
        String version = ex.query("FunctionVersion");
        List<Alias> aliases = state.aliases().stream()
                .filter(a -> version == null || a.version().equals(version))
                .sorted(java.util.Comparator.comparing(Alias::name)).toList();
        var page = Pages.page(aliases, Alias::name, ex.query("Marker"), ex.query("MaxItems"));
        return Reply.ok(new ResponseShapes.ListAliases(page.items().stream().map(VersionsResource::shape).toList(),
                page.nextMarker()));
    }

    /**
     * The service's alias request. Lambda's {@code AdditionalVersionWeights} is a map, Nimbus keeps
     * at most one entry: {@code {"2": 0.1}} sends 10% of invocations to version 2; an empty map
     * clears the routing (weight 0, no version); no RoutingConfig at all keeps it.
     */
    static AliasRequest request(RequestShapes.Alias in, String revisionId) {
        RoutingConfig routing = in.routingConfig();
        if (routing == null) {
            return new AliasRequest(in.functionVersion(), in.description(), null, null, revisionId);
        }
        Map<String, Double> weights = routing.additionalVersionWeights() == null ? Map.of()
                : routing.additionalVersionWeights();
        if (weights.size() > 1) {
            throw LambdaErrors.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        if (weights.isEmpty()) {
            return new AliasRequest(in.functionVersion(), in.description(), null, 0.0, revisionId);
        }
        var weight = weights.entrySet().iterator().next();
        if (!weight.getKey().matches("[0-9]{1,1024}")) {
            throw LambdaErrors.validation(weights, "routingConfig.additionalVersionWeights",
                    "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]+]");
        }
        Double w = weight.getValue();
        if (w == null || w.isNaN() || w < 0 || w > 1) {
            throw LambdaErrors.validation(weights, "routingConfig.additionalVersionWeights", WEIGHT_RANGE);
        }
        return new AliasRequest(in.functionVersion(), in.description(), weight.getKey(), w, revisionId);
    }

    static AliasConfiguration shape(Alias a) {
        var routing = a.additionalVersion() == null ? null
                : new ResponseShapes.RoutingConfig(Map.of(a.additionalVersion(), a.additionalWeight()));
        return new AliasConfiguration(Arns.function(a.function(), a.name()), a.name(), a.version(), a.description(),
                routing, a.revisionId());
    }
}
