package dev.nimbus.sandbox.instance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nimbus.core.invoke.InvocationResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Runtime API (2018-06-01) endpoint of one instance, on its own loopback port
 * (lambda-compat.md §1). Only the instance's runtime talks to it.
 *
 * <p>Threading: every exchange runs inline on the JDK server's dispatcher thread, one per instance.
 * The runtime makes one call at a time ({@code /next} returns before it posts a response), so a
 * long-polling {@code /next} holds up nothing it needs, and each invocation saves two thread
 * hand-offs (measured with bench/run.sh: about +30 % warm throughput). {@link ProcessInstance#kill} wakes
 * a waiting {@code /next} before it stops the server.
 */
final class RuntimeApi implements AutoCloseable {
    /** Buffered response limit: 6 MiB + 100 bytes, as Lambda. */
    static final int MAX_RESPONSE = 6 * 1024 * 1024 + 100;
    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final ProcessInstance instance;

    private RuntimeApi(HttpServer server, ProcessInstance instance) {
        this.server = server;
        this.instance = instance;
    }

    static RuntimeApi start(ProcessInstance instance) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        var api = new RuntimeApi(server, instance);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** Where it listens, on the host's loopback. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                send(exchange, path.equals("/ping") ? 200 : 404, path.equals("/ping") ? "{\"status\":\"OK\"}"
                        : error("NotFound", "Unknown Runtime API path"));
                return;
            }
            String route = path.substring(PREFIX.length());
            if (method.equals("GET") && route.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && route.equals("init/error")) {
                initError(exchange);
            } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/response")) {
                response(exchange, route.substring(11, route.length() - 9));
            } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/error")) {
                invocationError(exchange, route.substring(11, route.length() - 6));
            } else {
                send(exchange, 404, error("NotFound", "Unknown Runtime API path"));
            }
        }
    }

    /**
     * Sent by Nimbus's own runtimes with their first {@code /next}: microseconds spent loading the
     * handler, so that a cold start's runtime and handler init can be told apart. Other runtimes
     * do not send it.
     */
    static final String HANDLER_INIT_HEADER = "Nimbus-Handler-Init-Us";

    private static long handlerInitMicros(String value) {
        if (value == null || value.isEmpty() || value.length() > 12) {
            return -1;
        }
        try {
            long micros = Long.parseLong(value);
            return micros >= 0 ? micros : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending p;
        try {
            p = instance.next(handlerInitMicros(exchange.getRequestHeaders().getFirst(HANDLER_INIT_HEADER)));
        } catch (ProcessInstance.InvalidStateException e) {
            send(exchange, 403, error("InvalidStateTransition", e.getMessage()));
            return;
        }
        if (p == null) {
            send(exchange, 500, error("InternalServerError", "The instance is shutting down"));
            return;
        }
        var h = exchange.getResponseHeaders();
        h.set("Lambda-Runtime-Aws-Request-Id", p.id());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(p.pickedUp.join()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", p.request.invokedArn());
        if (p.request.traceId() != null) {
            h.set("Lambda-Runtime-Trace-Id", p.request.traceId());
        }
        if (p.request.clientContext() != null) {
            h.set("Lambda-Runtime-Client-Context", p.request.clientContext());
        }
        h.set("Content-Type", "application/json");
        byte[] body = p.request.payload();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void response(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = readLimited(exchange.getRequestBody());
        InvocationResult result;
        if (body == null) {
            result = new InvocationResult.FunctionError("Function.ResponseSizeTooLarge", ("{\"errorMessage\":\"Response "
                    + "payload size exceeded maximum allowed payload size (" + MAX_RESPONSE
                    + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8));
            if (instance.complete(requestId, result)) {
                send(exchange, 413, error("RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (" + MAX_RESPONSE + " bytes)."));
            } else {
                send(exchange, 400, error("InvalidRequestID", "Invalid request ID"));
            }
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        result = new InvocationResult.Success(body, type == null ? "application/json" : type);
        accept(exchange, instance.complete(requestId, result));
    }

    private void invocationError(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = readLimited(exchange.getRequestBody());
        String type = errorType(exchange, "Unhandled");
        var result = new InvocationResult.FunctionError(type, body == null ? "\"Invalid error body\"".getBytes() : body);
        accept(exchange, instance.complete(requestId, result));
    }

    private void initError(HttpExchange exchange) throws IOException {
        byte[] body = readLimited(exchange.getRequestBody());
        String type = errorType(exchange, "Runtime.Unknown");
        try {
            instance.initFailed(new InvocationResult.InitError(type, body == null ? "\"Invalid error body\"".getBytes() : body));
            send(exchange, 202, "{\"status\":\"OK\"}");
            instance.kill(InstanceState.FAILED);
        } catch (ProcessInstance.InvalidStateException e) {
            send(exchange, 403, error("InvalidStateTransition", e.getMessage()));
        }
    }

    private static String errorType(HttpExchange exchange, String fallback) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? fallback : type;
    }

    private static void accept(HttpExchange exchange, boolean accepted) throws IOException {
        if (accepted) {
            send(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            send(exchange, 400, error("InvalidRequestID", "Invalid request ID"));
        }
    }

    /** The body, or null when it exceeds {@link #MAX_RESPONSE}. */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_RESPONSE + 1);
        if (body.length > MAX_RESPONSE) {
            return null;
        }
        return body;
    }

    private static String error(String type, String message) {
        return new String(InvocationResult.errorDocument(type, message), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
