package dev.nimbus.gateway.http;

import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.Outcomes;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code ANY /fn/{name}[/{path...}]}: invokes the function with an HTTP API 2.0 event. */
public final class FunctionRoute {
    private static final HeaderName TRACE_ID = HeaderNames.create("X-Amzn-Trace-Id");

    private static final String PREFIX = "/fn/";
    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final ApiGatewayEvents events;
    private final InstantSource clock;

    public FunctionRoute(FunctionCatalog catalog, Invoker invoker, ApiGatewayEvents events, InstantSource clock) {
        this.catalog = catalog;
        this.invoker = invoker;
        this.events = events;
        this.clock = clock;
    }

    public void handle(ServerRequest req, ServerResponse res) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String raw = req.path().rawPath();
        String rest = raw.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        FunctionCatalog.Target function = catalog.resolve(name, null).orElse(null);
        if (function == null) {
            var notFound = Messages.functionNotFound(name);
            Outcomes.sendError(res, notFound.code(), notFound.getMessage(), requestId);
            return;
        }
        byte[] body;
        try {
            body = Payloads.read(req.content().inputStream(), Payloads.MAX_INVOKE_PAYLOAD);
        } catch (ApiException e) {
            Outcomes.sendError(res, e.code(), e.getMessage(), requestId);
            return;
        }
        String source = req.remotePeer().address() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "";
        var call = new HttpCall(req.prologue().method().text(), path, req.query().rawValue(), headers(req), body, source,
                req.prologue().protocol() + "/" + req.prologue().protocolVersion(), requestId, clock.instant());
        byte[] event = events.event(call, name);
        String trace = req.headers().first(TRACE_ID).orElse(null);
        var result = invoker.invoke(new InvocationRequest(requestId, function.revision(), function.qualifier(), event, null, trace));
        Outcomes.http(res, result, requestId, events);
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        var out = new LinkedHashMap<String, List<String>>();
        for (Header h : req.headers()) {
            out.computeIfAbsent(h.name(), k -> new ArrayList<>()).addAll(h.allValues());
        }
        return out;
    }
}
