package dev.nimbus.server.observe;

import dev.nimbus.controlplane.api.FleetView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pool's state as gauges, read from the fleet view just before each scrape:
 * <pre>
 * nimbus_instances{function,state}          state: starting, idle, busy, draining
 * nimbus_concurrent_executions{function}    invocations running now
 * nimbus_queue_depth{function}              invocations waiting for an instance
 * </pre>
 * A function without a pool has no series; one whose pool went away loses them at the next refresh.
 *
 * <p>Threading: {@link #refresh} runs on scraping threads; MultiGauge swaps its rows atomically.
 */
final class FleetGauges {
    private final FleetView fleet;
    private final MultiGauge instances;
    private final MultiGauge concurrent;
    private final MultiGauge queued;

    FleetGauges(FleetView fleet, MeterRegistry registry) {
        this.fleet = fleet;
        this.instances = MultiGauge.builder("nimbus.instances").description("Instances by state").register(registry);
        this.concurrent = MultiGauge.builder("nimbus.concurrent.executions").description("Invocations running now")
                .register(registry);
        this.queued = MultiGauge.builder("nimbus.queue.depth").description("Invocations waiting for an instance")
                .register(registry);
    }

    void refresh() {
        var byState = new ArrayList<MultiGauge.Row<?>>();
        var running = new ArrayList<MultiGauge.Row<?>>();
        var waiting = new ArrayList<MultiGauge.Row<?>>();
        fleet.all().forEach((function, revisions) -> {
            Map<String, Integer> states = new TreeMap<>();
            int inFlight = 0, queue = 0;
            for (var r : revisions) {
                inFlight += r.inFlight();
                queue += r.queued();
                for (var i : r.instances()) {
                    states.merge(i.state(), 1, Integer::sum);
                }
            }
            states.forEach((state, n) -> byState.add(MultiGauge.Row.of(Tags.of("function", function, "state", state), n)));
            running.add(MultiGauge.Row.of(Tags.of("function", function), inFlight));
            waiting.add(MultiGauge.Row.of(Tags.of("function", function), queue));
        });
        instances.register(List.copyOf(byState), true);
        concurrent.register(List.copyOf(running), true);
        queued.register(List.copyOf(waiting), true);
    }

    /** Each function's instance count now, for the charts. */
    Map<String, Integer> instanceCounts() {
        var out = new TreeMap<String, Integer>();
        fleet.all().forEach((function, revisions) -> out.put(function,
                revisions.stream().mapToInt(r -> r.instances().size()).sum()));
        return out;
    }
}
