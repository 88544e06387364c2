package dev.nimbus.controlplane.lambda;

import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import java.util.Optional;

/** Finds what a {@link FunctionRef} names, answering AWS's not-found errors. */
final class Lookups {
    private Lookups() {
    }

    /**
     * A version found through a reference.
     *
     * @param arnQualifier the qualifier the caller used, which the returned FunctionArn keeps
     */
    record Resolved(FunctionState state, FunctionRevision revision, String arnQualifier) {
    }

    static FunctionState state(FunctionService functions, FunctionRef ref) {
        return functions.state(ref.name()).orElseThrow(() -> LambdaErrors.functionNotFound(ref.name(), ref.qualifier()));
    }

    /** The version a reference names: {@code $LATEST} when unqualified, else the version or the alias' primary version. */
    static Resolved resolve(FunctionService functions, FunctionRef ref) {
        FunctionState state = state(functions, ref);
        String q = ref.qualifier();
        if (q == null) {
            return new Resolved(state, state.latest(), null);
        }
        Optional<FunctionRevision> version = state.version(q)
                .or(() -> state.alias(q).map(Alias::version).flatMap(state::version));
        return version.map(v -> new Resolved(state, v, q))
                .orElseThrow(() -> LambdaErrors.functionNotFound(ref.name(), q));
    }
}
