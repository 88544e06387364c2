package dev.nimbus.controlplane.api;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Scope;
import dev.nimbus.core.tenancy.Tenancy;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.FunctionCatalog;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs, for operators: per function its revisions' scaling (desired and actual instances,
 * queue, throttles, cold starts, the autoscaler's recent decisions with reasons), its instances
 * with CPU and memory; and a node-wide summary for
 * {@code nimbus top}.
 *
 * <pre>
 * GET /api/v1/functions/{name}/scaling
 * GET /api/v1/functions/{name}/instances
 * GET /api/v1/top
 * </pre>
 */
public final class FleetApi {
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
                    json.send(res, 200, scaling(name, fleet.revisions(name)));
                }))
                .get("/api/v1/functions/{name}/instances", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    json.send(res, 200, Map.of("instances", instances(fleet.revisions(name))));
                }))
                .get("/api/v1/top", (req, res) -> FunctionsApi.guarded(res, () -> json.send(res, 200, top(FunctionsApi.scope(req)))));
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
}
