package dev.nimbus.gateway;

import dev.nimbus.core.trace.TraceContext;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** The trace an incoming request continues: its W3C {@code traceparent}, else its {@code X-Amzn-Trace-Id}. */
public final class Traces {
    public static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    public static final HeaderName XRAY = HeaderNames.create("X-Amzn-Trace-Id");

    private Traces() {
    }

    public static TraceContext of(ServerRequest req) {
        return TraceContext.continuing(req.headers().first(TRACEPARENT).orElse(null),
                req.headers().first(XRAY).orElse(null));
    }

    /** The caller's trace header an asynchronous invocation keeps for its delivery, or null. */
    public static String callerHeader(ServerRequest req) {
        return TraceContext.callerHeader(req.headers().first(TRACEPARENT).orElse(null),
                req.headers().first(XRAY).orElse(null));
    }
}
