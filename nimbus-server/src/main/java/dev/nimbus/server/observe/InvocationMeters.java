package dev.nimbus.server.observe;

import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.InvocationRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Every invocation counts into up to six meters, so they are kept by a key of their own:
 * building Micrometer's sorted tags and looking the meter up in the registry each time costs
 * several times the counting.
 *
 * <p>Threading: any thread; Micrometer's meters are thread-safe, the cache is a concurrent map.
 */
final class InvocationMeters implements InvocationRecords.Listener {
    /** Histogram bounds from 5 ms to 15 min: what a Prometheus user puts in histogram_quantile. */
    private static final Duration[] DURATION_BOUNDS = bounds(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
            30_000, 60_000, 300_000, 900_000);
    private static final Duration[] COLD_START_BOUNDS = bounds(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10_000);
    private final MeterRegistry registry;
    private final Map<Key, Counter> invocations = new ConcurrentHashMap<>();
    private final Map<Key, Timer> durations = new ConcurrentHashMap<>();
    private final Map<Key, Counter> coldStarts = new ConcurrentHashMap<>();
    private final Map<Key, Timer> phases = new ConcurrentHashMap<>();

    InvocationMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** What tells a function's meters apart: {@code detail} and {@code more} are its trigger and outcome, or its phase, or null. */
    private record Key(String function, String version, Object detail, Object more) {
    }

    @Override
    public void added(InvocationRecord r) {
        String version = r.version() == null ? "$LATEST" : r.version();
        invocations.computeIfAbsent(new Key(r.function(), version, r.trigger(), r.outcome()), k -> Counter
                .builder("nimbus.invocations").description("Invocations by how they ended")
                .tags("function", k.function, "version", k.version, "trigger", lower(r.trigger()),
                        "outcome", lower(r.outcome()))
                .register(registry)).increment();
        if (r.instanceId() == null) {
            return; // throttled: it did not run
        }
        durations.computeIfAbsent(new Key(r.function(), version, null, null), k -> Timer
                .builder("nimbus.invocation.duration").description("From reaching the pool to the result, queueing included")
                .tags("function", k.function, "version", k.version).serviceLevelObjectives(DURATION_BOUNDS)
                .register(registry)).record(r.duration());
        var cold = r.coldStart();
        if (cold != null) {
            coldStarts.computeIfAbsent(new Key(r.function(), version, null, null), k -> Counter
                    .builder("nimbus.cold.starts").description("Invocations that waited for a new instance")
                    .tags("function", k.function, "version", k.version).register(registry)).increment();
            phase(r.function(), version, "spawn", cold.spawn());
            phase(r.function(), version, "runtime_init", cold.runtimeInit());
            if (cold.handlerInit() != null) {
                phase(r.function(), version, "handler_init", cold.handlerInit());
            }
        }
    }

    private void phase(String function, String version, String phase, Duration d) {
        phases.computeIfAbsent(new Key(function, version, phase, null), k -> Timer
                .builder("nimbus.cold.start.duration").description("Where cold starts spend their time")
                .tags("function", k.function, "version", k.version, "phase", phase)
                .serviceLevelObjectives(COLD_START_BOUNDS).register(registry)).record(d);
    }

    @Override
    public void forgotten(String function) {
        for (var cache : List.<Map<Key, ?>>of(invocations, durations, coldStarts, phases)) {
            cache.keySet().removeIf(k -> k.function.equals(function));
        }
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
