package dev.nimbus.controlplane.api;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import java.util.Map;

/**
 * A function version as the native API shows it, flattened. For a function, {@code $LATEST} with
 * the function-wide reserved concurrency.
 */
record FunctionView(String name, String version, long revision, String revisionId, String runtime, String handler,
                    int memoryMb, int timeoutSeconds, Map<String, String> environment, String description,
                    int concurrency, Integer reservedConcurrency, String role, String httpPayloadFormat,
                    String codeSha256, long codeSize, String createdAt) {

    static FunctionView of(FunctionState state) {
        return of(state.latest(), state.reservedConcurrency());
    }

    static FunctionView of(FunctionRevision r, Integer reservedConcurrency) {
        var c = r.config();
        return new FunctionView(r.name(), r.version(), r.revision(), r.revisionId(), c.runtime().id(), c.handler(),
                c.memoryMb(), c.timeoutSeconds(), c.environment(), c.description(), c.concurrency(),
                reservedConcurrency, c.role(), c.httpPayload().id(), r.codeSha256(), r.codeSize(),
                r.createdAt().toString());
    }
}
