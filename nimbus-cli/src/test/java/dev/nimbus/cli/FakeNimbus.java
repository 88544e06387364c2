package dev.nimbus.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for the management API on a free port: each {@code METHOD path} answers as
 * told, every request is recorded, anything unscripted gets the server's 404 error document.
 */
public final class FakeNimbus implements AutoCloseable {

    /** A request as the server saw it; {@code target} is the path with its query. */
    public record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    /** A scripted answer; a body of several chunks is streamed chunk by chunk. */
    public record Answer(int status, Map<String, String> headers, List<String> chunks) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeNimbus() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers {@code METHOD path} with a JSON body, or none when null; a path with a query answers
     * only that exact query, and before the same path without one.
     */
    public FakeNimbus on(String method, String path, int status, String json) {
        return on(method, path, new Answer(status, Map.of("Content-Type", "application/json"),
                json == null ? List.of() : List.of(json)));
    }

    public FakeNimbus on(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var uri = exchange.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target,
                    answers.getOrDefault(exchange.getRequestMethod() + " " + uri.getRawPath(), new Answer(404,
                    Map.of("Content-Type", "application/json"),
                    List.of("{\"error\":{\"code\":\"NotFound\",\"message\":\"no route\",\"requestId\":\"r-404\"}}"))));
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (answer.chunks().isEmpty()) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            long length = answer.chunks().size() == 1 ? answer.chunks().getFirst().getBytes(StandardCharsets.UTF_8).length : 0;
            exchange.sendResponseHeaders(answer.status(), length);
            OutputStream out = exchange.getResponseBody();
            for (String chunk : answer.chunks()) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
