package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.function.ProvisionedStatus;
import dev.nimbus.controlplane.lambda.RequestShapes.ProvisionedConcurrencyConfig;
import dev.nimbus.controlplane.lambda.ResponseShapes.ListProvisionedConcurrencyConfigs;
import dev.nimbus.controlplane.lambda.ResponseShapes.ProvisionedConcurrency;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.Arns;
import dev.nimbus.core.function.FunctionRevision;
import java.util.List;

/**
 * Provisioned concurrency (lambda-compat.md §5.2, §5.7) on
 * {@code /2019-09-30/functions/{name}/provisioned-concurrency}: {@code ?Qualifier=} names one
 * configuration (Put, Get, Delete), {@code ?List=ALL} lists them. Nimbus applies a configuration
 * before Put answers, so Put answers 202 with the allocation at that moment, usually
 * {@code IN_PROGRESS} until the pool has started the instances.
 *
 * <p>Threading: stateless; called from request threads.
 */
final class ProvisionedResource {
    static final String NOT_ALIAS_OR_VERSION = "The function resource provided must be an alias or a published version.";
    private final FunctionService functions;
    private final LambdaJson json;

    ProvisionedResource(FunctionService functions, LambdaJson json) {
        this.functions = functions;
        this.json = json;
    }

    /** PutProvisionedConcurrencyConfig: 202 with the configuration. */
    Reply put(Exchange ex) {
        FunctionRef ref = qualified(ex);
        Integer requested = json.read(ex.body(), ProvisionedConcurrencyConfig.class).provisionedConcurrentExecutions();
        if (requested == null) {
            throw LambdaErrors.required("provisionedConcurrentExecutions");
        }
        if (requested < 1) {
            throw LambdaErrors.validation(requested, "provisionedConcurrentExecutions",
                    "Member must have value greater than or equal to 1");
        }
        Lookups.state(functions, ref);
        functions.putProvisioned(ref.name(), ref.qualifier(), requested);
        return new Reply(202, shape(functions.provisioned(ref.name(), ref.qualifier()), false));
    }

    /** GetProvisionedConcurrencyConfig, or with {@code List=ALL} ListProvisionedConcurrencyConfigs. */
    Reply get(Exchange ex) {
        String list = ex.query("List");
        if (list != null) {
            return list(ex, list);
        }
        FunctionRef ref = qualified(ex);
        rejectLatest(ref);
        Lookups.state(functions, ref);
        return Reply.ok(shape(found(() -> functions.provisioned(ref.name(), ref.qualifier())), false));
    }

    Reply delete(Exchange ex) {
        FunctionRef ref = qualified(ex);
        rejectLatest(ref);
        Lookups.state(functions, ref);
        found(() -> {
            functions.deleteProvisioned(ref.name(), ref.qualifier());
            return null;
        });
        return Reply.noContent();
    }

    private Reply list(Exchange ex, String list) {
        if (!list.equals("ALL")) {
            throw LambdaErrors.validation(list, "list", "Member must satisfy enum value set: [ALL]");
        }
        FunctionRef ref = ex.unqualifiedRef();
        Lookups.state(functions, ref);
        List<ProvisionedStatus> all = functions.listProvisioned(ref.name());
        var page = Pages.page(all, p -> p.config().qualifier(), ex.query("Marker"), ex.query("MaxItems"));
        return Reply.ok(new ListProvisionedConcurrencyConfigs(page.items().stream().map(p -> shape(p, true)).toList(),
                page.nextMarker()));
    }

    /** The reference with its qualifier, which these operations require. */
    private static FunctionRef qualified(Exchange ex) {
        FunctionRef ref = ex.ref();
        if (ref.qualifier() == null) {
            throw LambdaErrors.required("qualifier");
        }
        return ref;
    }

    private static void rejectLatest(FunctionRef ref) {
        if (FunctionRevision.LATEST.equals(ref.qualifier())) {
            throw LambdaErrors.invalidParameter(NOT_ALIAS_OR_VERSION);
        }
    }

    /** Runs a service call, answering AWS's own error type when the configuration does not exist. */
    private static <T> T found(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND && e.getMessage().equals(FunctionService.PROVISIONED_NOT_FOUND)) {
                throw new LambdaErrors.Fault(404, "ProvisionedConcurrencyConfigNotFoundException", e.getMessage());
            }
            throw e;
        }
    }

    private static ProvisionedConcurrency shape(ProvisionedStatus p, boolean withArn) {
        var c = p.config();
        return new ProvisionedConcurrency(withArn ? Arns.function(c.function(), c.qualifier()) : null, c.requested(),
                p.allocated(), p.allocated(), p.status(), Configurations.timestamp(c.updatedAt()));
    }
}
