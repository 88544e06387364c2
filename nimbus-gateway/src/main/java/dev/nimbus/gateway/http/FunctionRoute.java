package dev.nimbus.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Trigger;
import dev.nimbus.core.trace.TraceContext;
import dev.nimbus.gateway.Traces;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.Outcomes;
import dev.nimbus.gateway.QualifiedName;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ANY /fn/{name}[:{qualifier}][/{path...}]}: invokes the function with an API Gateway event
 * in the payload format the function's version chose (2.0 unless configured 1.0). The qualifier
 * may be written {@code %3A}-encoded.
 */
public final class FunctionRoute {

    private static final String PREFIX = "/fn/";
    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final Map<PayloadFormat, HttpPayload> payloads = new EnumMap<>(PayloadFormat.class);
    private final InstantSource clock;

    public FunctionRoute(FunctionCatalog catalog, Invoker invoker, ObjectMapper json, InstantSource clock) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.clock = clock;
        for (PayloadFormat format : PayloadFormat.values()) {
            payloads.put(format, HttpPayload.of(format, json));
        }
    }

    public void handle(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String raw = req.path().rawPath();
        if (!raw.startsWith(PREFIX)) { // e.g. /f%6E/...: the function is read from the raw path, which must say fn
            Outcomes.sendError(res, ErrorCode.NOT_FOUND, Messages.notFound(raw).getMessage(), requestId);
            return;
        }
        String rest = raw.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String ref = decode(slash < 0 ? rest : rest.substring(0, slash));
        String path = slash < 0 ? "/" : rest.substring(slash);
        FunctionCatalog.Target function;
        byte[] body;
        try {
            function = QualifiedName.parse(ref).resolveIn(catalog);
            body = Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
        } catch (ApiException e) {
            Outcomes.sendError(res, e.code(), e.getMessage(), requestId);
            return;
        }
        invoke(req, res, function, path, body, function.revision().config().httpPayload(), requestId);
    }

    /** Invokes {@code function} with the request as an event in {@code format} and answers with its result. */
    void invoke(ServerRequest req, ServerResponse res, FunctionCatalog.Target function, String path, byte[] body,
                PayloadFormat format, String requestId) {
        String name = function.revision().name();
        String source = req.remotePeer().address() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "";
        TraceContext trace = Traces.of(req);
        var call = new HttpCall(req.prologue().method().text(), path, req.query().rawValue(), headers(req, trace), body,
                source, req.prologue().protocol() + "/" + req.prologue().protocolVersion(), requestId, clock.instant());
        HttpPayload payload = payloads.get(format);
        var result = invoker.invoke(new InvocationRequest(requestId, function.revision(), function.qualifier(),
                payload.event(call, name), null, Trigger.HTTP, trace, null));
        Outcomes.http(res, result, requestId, payload, req.prologue().method() == Method.HEAD);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /**
     * The request's headers as the event shows them, with the invocation's span in place of the
     * caller's: {@code traceparent} always, {@code X-Amzn-Trace-Id} if the caller sent one.
     */
    private static Map<String, List<String>> headers(ServerRequest req, TraceContext trace) {
        var out = new LinkedHashMap<String, List<String>>();
        boolean xray = false;
        for (Header h : req.headers()) {
            if (h.name().equalsIgnoreCase(Traces.XRAY.defaultCase())) {
                xray = true;
            } else if (!h.name().equalsIgnoreCase(Traces.TRACEPARENT.defaultCase())) {
                out.computeIfAbsent(h.name(), k -> new ArrayList<>()).addAll(h.allValues());
            }
        }
        out.put(Traces.TRACEPARENT.defaultCase(), List.of(trace.traceparent()));
        if (xray) {
            out.put(Traces.XRAY.defaultCase(), List.of(trace.xray()));
        }
        return out;
    }
}
