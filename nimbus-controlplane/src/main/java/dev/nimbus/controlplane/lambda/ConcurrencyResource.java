package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.lambda.RequestShapes.FunctionConcurrency;
import dev.nimbus.controlplane.lambda.ResponseShapes.Concurrency;

/**
 * Reserved concurrency (lambda-compat.md §5.7): concurrency set aside for, and capping, all versions
 * of one function together. Only unqualified names are accepted.
 *
 * <p>Threading: stateless; called from request threads.
 */
final class ConcurrencyResource {
    private final FunctionService functions;
    private final LambdaJson json;

    ConcurrencyResource(FunctionService functions, LambdaJson json) {
        this.functions = functions;
        this.json = json;
    }

    Reply put(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        Integer reserved = json.read(ex.body(), FunctionConcurrency.class).reservedConcurrentExecutions();
        if (reserved == null) {
            throw LambdaErrors.required("reservedConcurrentExecutions");
        }
        if (reserved < 0) {
            throw LambdaErrors.validation(reserved, "reservedConcurrentExecutions",
                    "Member must have value greater than or equal to 0");
        }
        Lookups.state(functions, ref);
        functions.setReservedConcurrency(ref.name(), reserved);
        return Reply.ok(new Concurrency(reserved));
    }

    /** GetFunctionConcurrency: {@code {}} when nothing is reserved. */
    Reply get(Exchange ex) {
        return Reply.ok(new Concurrency(Lookups.state(functions, ex.unqualifiedRef()).reservedConcurrency()));
    }

    Reply delete(Exchange ex) {
        FunctionRef ref = ex.unqualifiedRef();
        Lookups.state(functions, ref);
        functions.setReservedConcurrency(ref.name(), null);
        return Reply.noContent();
    }
}
