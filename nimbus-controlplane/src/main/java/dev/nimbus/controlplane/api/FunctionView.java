package dev.nimbus.controlplane.api;

import dev.nimbus.core.function.FunctionRevision;
import java.util.Map;

/** A function as the API shows it: the latest revision, flattened. */
record FunctionView(String name, long revision, String runtime, String handler, int memoryMb, int timeoutSeconds,
                    Map<String, String> environment, String description, int concurrency, String codeSha256,
                    long codeSize, String createdAt) {

    static FunctionView of(FunctionRevision r) {
        var c = r.config();
        return new FunctionView(r.name(), r.revision(), c.runtime().id(), c.handler(), c.memoryMb(), c.timeoutSeconds(),
                c.environment(), c.description(), c.concurrency(), r.codeSha256(), r.codeSize(), r.createdAt().toString());
    }
}
