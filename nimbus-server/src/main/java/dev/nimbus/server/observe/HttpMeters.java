package dev.nimbus.server.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request as {@code nimbus_http_server_requests_seconds{surface,method,status}}, the
 * status as its class ({@code 2xx} … {@code 5xx}: functions choose their codes).
 * The surface is the first path segment from a fixed list ({@code api}, {@code fn}, {@code url},
 * {@code s3}, {@code lambda} for the dated Lambda API paths, {@code ui}, {@code metrics}) or
 * {@code other}, and an unusual method counts as {@code OTHER}, so that no client can create
 * series at will.
 *
 * <p>Threading: a filter runs on each request's own thread.
 */
final class HttpMeters implements Filter {
    private final MeterRegistry registry;
    /** At most 8 surfaces × 8 methods × 5 status classes: a look-up instead of a registration per request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    HttpMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            String surface = surface(req.path().rawPath());
            String method = method(req.prologue().method().text());
            String status = res.status().code() / 100 + "xx";
            timers.computeIfAbsent(surface + ' ' + method + ' ' + status, k -> Timer.builder("nimbus.http.server.requests")
                    .description("HTTP requests, by surface").tags("surface", surface, "method", method, "status", status)
                    .register(registry)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    static String surface(String rawPath) {
        if (rawPath.length() < 2 || rawPath.charAt(0) != '/') {
            return "other";
        }
        int end = rawPath.indexOf('/', 1);
        String first = end < 0 ? rawPath.substring(1) : rawPath.substring(1, end);
        return switch (first) {
            case "api", "fn", "url", "s3", "ui", "metrics" -> first;
            default -> first.matches("\\d{4}-\\d{2}-\\d{2}") ? "lambda" : "other";
        };
    }

    static String method(String method) {
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" -> method;
            default -> "OTHER";
        };
    }
}
