package dev.nimbus.server.observe;

import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.InvocationRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Counts every invocation record into Prometheus meters, labelled by function and version only
 * (plus a small fixed set: outcome, trigger, phase), so that the number of series grows with the
 * functions and versions, never with requests:
 * <pre>
 * nimbus_invocations_total{function,version,trigger,outcome}
 * nimbus_invocation_duration_seconds_bucket{function,version,le}     (and _count, _sum, _max)
 * nimbus_cold_starts_total{function,version}
 * nimbus_cold_start_duration_seconds_bucket{function,version,phase,le}   phase: spawn, runtime_init, handler_init
 * </pre>
 * A deleted function's meters are removed.
 *
 * <p>Threading: any thread; Micrometer's meters are thread-safe and looked up by their tags.
 */
final class InvocationMeters implements InvocationRecords.Listener {
    /** Histogram bounds from 5 ms to 15 min: what a Prometheus user puts in histogram_quantile. */
    private static final Duration[] DURATION_BOUNDS = bounds(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
            30_000, 60_000, 300_000, 900_000);
    private static final Duration[] COLD_START_BOUNDS = bounds(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10_000);
    private final MeterRegistry registry;

    InvocationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void added(InvocationRecord r) {
        String version = r.version() == null ? "$LATEST" : r.version();
        Counter.builder("nimbus.invocations").description("Invocations by how they ended")
                .tags("function", r.function(), "version", version, "trigger", lower(r.trigger()),
                        "outcome", lower(r.outcome()))
                .register(registry).increment();
        if (r.instanceId() == null) {
            return; // throttled: it did not run
        }
        Timer.builder("nimbus.invocation.duration").description("From reaching the pool to the result, queueing included")
                .tags("function", r.function(), "version", version).serviceLevelObjectives(DURATION_BOUNDS)
                .register(registry).record(r.duration());
        var cold = r.coldStart();
        if (cold != null) {
            Counter.builder("nimbus.cold.starts").description("Invocations that waited for a new instance")
                    .tags("function", r.function(), "version", version).register(registry).increment();
            phase(r, version, "spawn", cold.spawn());
            phase(r, version, "runtime_init", cold.runtimeInit());
            if (cold.handlerInit() != null) {
                phase(r, version, "handler_init", cold.handlerInit());
            }
        }
    }

    private void phase(InvocationRecord r, String version, String phase, Duration d) {
        Timer.builder("nimbus.cold.start.duration").description("Where cold starts spend their time")
                .tags("function", r.function(), "version", version, "phase", phase)
                .serviceLevelObjectives(COLD_START_BOUNDS).register(registry).record(d);
    }

    @Override
    public void forgotten(String function) {
        for (Meter meter : registry.getMeters()) {
            if (function.equals(meter.getId().getTag("function"))) {
                registry.remove(meter);
            }
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Duration[] bounds(double... ms) {
        var out = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = Duration.ofNanos((long) (ms[i] * 1_000_000));
        }
        return out;
    }
}
