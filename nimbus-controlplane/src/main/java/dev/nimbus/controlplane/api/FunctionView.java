package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.LastUpdate;
import java.util.Map;

/**
 * A function version as the native API shows it, flattened. For a function, {@code $LATEST} with
 * the function-wide reserved concurrency and how its last update ended ({@code lastUpdate}, left
 * out for published versions).
 */
record FunctionView(String name, String version, long revision, String revisionId, String runtime, String handler,
                    int memoryMb, int timeoutSeconds, Map<String, String> environment, String description,
                    int concurrency, Integer reservedConcurrency, String role, String httpPayloadFormat,
                    String codeSha256, long codeSize, String createdAt, ScalingView scaling, boolean egress,
                    @JsonInclude(JsonInclude.Include.NON_NULL) LastUpdateView lastUpdate) {

    /**
     * @param status {@code Successful} or {@code Failed}
     * @param reason for a failure, the init error as {@code errorType: message}
     * @param at     when the update ended
     */
    record LastUpdateView(String status, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, String at) {
        static LastUpdateView of(LastUpdate u) {
            return new LastUpdateView(u.status() == LastUpdate.Status.SUCCESSFUL ? "Successful" : "Failed", u.reason(),
                    u.at().toString());
        }
    }

    static FunctionView of(FunctionState state) {
        return of(state.latest(), state.reservedConcurrency(), state.lastUpdate());
    }

    /** @param lastUpdate how the last update of {@code $LATEST} ended; null for a published version */
    static FunctionView of(FunctionRevision r, Integer reservedConcurrency, LastUpdate lastUpdate) {
        var c = r.config();
        return new FunctionView(r.name(), r.version(), r.revision(), r.revisionId(), c.runtime().id(), c.handler(),
                c.memoryMb(), c.timeoutSeconds(), c.environment(), c.description(), c.concurrency(),
                reservedConcurrency, c.role(), c.httpPayload().id(), r.codeSha256(), r.codeSize(),
                r.createdAt().toString(), ScalingView.of(c.scaling()), c.egress(),
                lastUpdate == null ? null : LastUpdateView.of(lastUpdate));
    }
}
