package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.core.logs.FunctionLogs;
import dev.nimbus.core.logs.LogRecord;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/functions/{name}/logs?limit=N[&follow=true]}: the last N records as JSON, or,
 * with {@code follow}, the last N then every new record as server-sent events.
 *
 * <p>Threading: each follower runs on its request's virtual thread; the log store calls the
 * listener from appending threads, which only offer to a bounded queue (records beyond 10,000
 * unsent are dropped, so a slow reader never slows a function).
 */
public final class LogsApi {
    private static final int MAX_LIMIT = 10_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private final FunctionService functions;
    private final FunctionLogs logs;
    private final JsonBodies json;

    public LogsApi(FunctionService functions, FunctionLogs logs, ObjectMapper mapper) {
        this.functions = functions;
        this.logs = logs;
        this.json = new JsonBodies(mapper);
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/functions/{name}/logs", (req, res) -> FunctionsApi.guarded(res, () -> logs(req, res)));
    }

    private void logs(ServerRequest req, ServerResponse res) throws IOException {
        String name = functions.get(req.path().pathParameters().get("name")).name();
        boolean follow = req.query().first("follow").asOptional().map(Boolean::parseBoolean).orElse(false);
        int limit = ApiResponses.limit(req, follow ? 20 : 100, 0, MAX_LIMIT);
        if (!follow) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId());
            res.send(json.write(Map.of("logs", logs.tail(name, limit))));
            return;
        }
        follow(name, limit, res);
    }

    private void follow(String name, int limit, ServerResponse res) throws IOException {
        BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(MAX_LIMIT);
        try (AutoCloseable ignored = logs.follow(name, queue::offer)) {
            List<LogRecord> recent = logs.tail(name, limit);
            var seen = new HashSet<>(recent);
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            try (OutputStream out = res.outputStream()) {
                for (LogRecord r : recent) {
                    event(out, r);
                }
                out.flush();
                while (functions.state(name).isPresent()) {
                    LogRecord r = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                    if (r == null) {
                        out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    } else if (!seen.remove(r)) {
                        event(out, r);
                    }
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the follower disconnected
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void event(OutputStream out, LogRecord r) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        out.write(json.write(r));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    }
}
