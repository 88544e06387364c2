package dev.nimbus.controlplane.api;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Scope;
import dev.nimbus.core.tenancy.Tenancy;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.InvocationRecord;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What runs, for operators: per function its revisions' scaling (desired and actual instances,
 * queue, throttles, cold starts, the autoscaler's recent decisions with reasons), its instances
 * with CPU and memory, and its latest invocation records; and a node-wide summary for
 * {@code nimbus top}.
 *
 * <pre>
 * GET /api/v1/functions/{name}/scaling
 * GET /api/v1/functions/{name}/instances
 * GET /api/v1/functions/{name}/invocations?limit=N   (newest first, N ≤ 1000, default 50)
 * GET /api/v1/top
 * </pre>
 */
public final class FleetApi {
    private static final int MAX_LIMIT = 1000;

    private final FunctionCatalog catalog;
    private final Tenancy tenancy;
    private final FleetView fleet;
    private final JsonBodies json;

    public FleetApi(FunctionCatalog catalog, FleetView fleet, Tenancy tenancy, ObjectMapper mapper) {
        this.catalog = catalog;
        this.tenancy = tenancy;
        this.fleet = fleet;
        this.json = new JsonBodies(mapper);
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/functions/{name}/scaling", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    send(res, scaling(name, fleet.revisions(name)));
                }))
                .get("/api/v1/functions/{name}/instances", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    send(res, Map.of("instances", instances(fleet.revisions(name))));
                }))
                .get("/api/v1/functions/{name}/invocations", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    int limit = ApiResponses.limit(req, 50, 1, MAX_LIMIT);
                    var records = fleet.invocations(name, limit).stream().map(InvocationView::of).toList();
                    send(res, Map.of("invocations", records));
                }))
                .get("/api/v1/top", (req, res) -> FunctionsApi.guarded(res, () -> send(res, top(FunctionsApi.scope(req)))));
    }

    private void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId());
        res.send(json.write(body));
    }

    private static Map<String, Object> scaling(String name, List<FleetView.RevisionStatus> revisions) {
        var body = new LinkedHashMap<String, Object>();
        body.put("function", name);
        body.putAll(Totals.of(revisions).asMap());
        body.put("revisions", revisions);
        return body;
    }

    private static List<Map<String, Object>> instances(List<FleetView.RevisionStatus> revisions) {
        var out = new ArrayList<Map<String, Object>>();
        for (var r : revisions) {
            for (var i : r.instances()) {
                var row = new LinkedHashMap<String, Object>();
                row.put("version", r.version());
                row.put("revision", r.revision());
                row.put("id", i.id());
                row.put("state", i.state());
                row.put("provisioned", i.provisioned());
                row.put("lastUsed", i.lastUsed());
                row.put("cpu", i.cpu());
                row.put("memoryBytes", i.memoryBytes());
                row.put("peakMemoryBytes", i.peakMemoryBytes());
                out.add(row);
            }
        }
        return out;
    }

    private Map<String, Object> top(Optional<Scope> scope) {
        var functions = new ArrayList<Map<String, Object>>();
        fleet.all().forEach((name, revisions) -> {
            if (!tenancy.visible(scope, ResourceKind.FUNCTION, name)) {
                return;
            }
            var row = new LinkedHashMap<String, Object>();
            row.put("function", name);
            row.putAll(Totals.of(revisions).asMap());
            functions.add(row);
        });
        return Map.of("functions", functions);
    }

    /** Sums over a function's revisions. */
    private record Totals(int desired, int actual, int starting, int inFlight, int queued, long throttles,
                          long coldStarts, double cpu, long memoryBytes) {
        static Totals of(List<FleetView.RevisionStatus> revisions) {
            int desired = 0, actual = 0, starting = 0, inFlight = 0, queued = 0;
            long throttles = 0, cold = 0, memory = 0;
            double cpu = 0;
            for (var r : revisions) {
                desired += r.retired() ? 0 : r.desiredInstances();
                actual += r.actualInstances();
                starting += r.startingInstances();
                inFlight += r.inFlight();
                queued += r.queued();
                throttles += r.throttles();
                cold += r.coldStarts();
                for (var i : r.instances()) {
                    cpu += i.cpu();
                    memory += i.memoryBytes();
                }
            }
            return new Totals(desired, actual, starting, inFlight, queued, throttles, cold, cpu, memory);
        }

        Map<String, Object> asMap() {
            var m = new LinkedHashMap<String, Object>();
            m.put("desiredInstances", desired);
            m.put("actualInstances", actual);
            m.put("startingInstances", starting);
            m.put("inFlight", inFlight);
            m.put("queued", queued);
            m.put("throttles", throttles);
            m.put("coldStarts", coldStarts);
            m.put("cpu", cpu);
            m.put("memoryBytes", memoryBytes);
            return m;
        }
    }

    /** An invocation record with times in milliseconds; the cold-start phases only for cold starts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvocationView(String requestId, String version, long revision, String instanceId, Instant arrived,
                          String start, double queuedMs, ColdStart coldStart, double durationMs, String outcome,
                          String errorType) {
        static InvocationView of(InvocationRecord r) {
            ColdStart cold = r.start() == InvocationRecord.StartKind.COLD && r.spawn() != null
                    ? new ColdStart(ms(r.queued()), ms(r.spawn()), ms(r.runtimeInit()), r.handlerInit() == null ? null : ms(r.handlerInit()))
                    : null;
            return new InvocationView(r.requestId(), r.version(), r.revision(), r.instanceId(), r.arrived(),
                    r.start() == null ? null : r.start().name().toLowerCase(Locale.ROOT), ms(r.queued()), cold,
                    ms(r.duration()), r.outcome().name().toLowerCase(Locale.ROOT), r.errorType());
        }

        private static double ms(Duration d) {
            return Math.round(d.toNanos() / 10_000.0) / 100.0;
        }
    }

    /** Where a cold start's time went, in milliseconds; {@code handlerInitMs} absent when the runtime did not say. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ColdStart(double queuedMs, double spawnMs, double runtimeInitMs, Double handlerInitMs) {
    }
}
