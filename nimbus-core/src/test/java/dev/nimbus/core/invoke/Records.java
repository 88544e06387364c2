package dev.nimbus.core.invoke;

import dev.nimbus.core.trace.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Invocation records for tests. */
final class Records {
    private Records() {
    }

    static InvocationRecord record(String function, String id, Instant arrived, InvocationRecord.Outcome outcome,
                                   InvocationRecord.StartKind start, long durationMs) {
        boolean ran = outcome != InvocationRecord.Outcome.THROTTLED;
        return new InvocationRecord(id, function, "$LATEST", 1, Trigger.API, ran ? "i-1" : null, arrived,
                ran ? start : null, Duration.ZERO,
                start == InvocationRecord.StartKind.COLD ? new InvocationRecord.ColdStart(Duration.ofMillis(2),
                        Duration.ofMillis(20), null) : null,
                Duration.ofMillis(durationMs), outcome, outcome == InvocationRecord.Outcome.SUCCESS ? null : "Error",
                ran ? 30 : 0, TraceContext.fresh(), List.of("START RequestId: " + id, "REPORT RequestId: " + id));
    }

    static InvocationRecord ok(String function, String id, Instant arrived) {
        return record(function, id, arrived, InvocationRecord.Outcome.SUCCESS, InvocationRecord.StartKind.WARM, 5);
    }
}
