package dev.nimbus.server.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.api.FleetView;
import dev.nimbus.core.access.Caller;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.InvocationSeries;
import dev.nimbus.core.tenancy.Namespace;
import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Scope;
import dev.nimbus.core.tenancy.Tenancy;
import dev.nimbus.events.delivery.AsyncDispatcher;
import dev.nimbus.server.config.ServerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Everything a node tells operators about what runs on it: the invocation records (queried by the
 * API and the dashboard) with their charts, Prometheus metrics at {@code GET /metrics}, HTTP request
 * timing, and, when an OTLP endpoint is configured, trace export.
 *
 * <p>Threading: built once at start; {@link #watch} once the pool and the dispatcher exist. The
 * charts' instance counts are sampled every 5 s (two samples per 10-second step) on a thread of its own.
 */
public final class Observability implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Observability.class.getName());
    private final InvocationRecords records;
    private final InvocationSeries series;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final OtlpExporter exporter;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nimbus-chart-sampler").daemon().factory());
    private volatile FleetGauges gauges;

    private Observability(ServerConfig.Observability config, InstantSource clock, ObjectMapper json) {
        this.records = InvocationRecords.inMemory(config.recordsPerFunction(), config.recordsMaxAge(),
                config.recordsMaxBytes(), clock);
        this.series = new InvocationSeries(clock);
        records.listen(series);
        records.listen(new InvocationMeters(registry));
        this.exporter = config.otlpEndpoint() == null ? null : new OtlpExporter(config.otlpEndpoint(), json, registry);
        if (exporter != null) {
            records.listen(exporter);
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public static Observability start(ServerConfig.Observability config, InstantSource clock, ObjectMapper json) {
        return new Observability(config, clock, json);
    }

    public InvocationRecords records() {
        return records;
    }

    public InvocationSeries series() {
        return series;
    }

    /** Starts watching the pool (gauges, chart instance counts) and the asynchronous deliveries. */
    public void watch(FleetView fleet, AsyncDispatcher async) {
        var fleetGauges = new FleetGauges(fleet, registry);
        this.gauges = fleetGauges;
        async.observe((function, delivery) -> Counter.builder("nimbus.async.deliveries")
                .description("Attempts at delivering asynchronous events, by what became of them")
                .tags("function", function, "status", delivery.name().toLowerCase(Locale.ROOT))
                .register(registry).increment());
        sampler.scheduleAtFixedRate(() -> {
            try {
                fleetGauges.instanceCounts().forEach(series::instances);
            } catch (RuntimeException e) { // a failed sample must not end the sampling
                LOG.log(System.Logger.Level.WARNING, "sampling the instance counts failed", e);
            }
        }, 0, InvocationSeries.STEP.toMillis() / 2, TimeUnit.MILLISECONDS);
    }

    /** The filter that times every request. */
    public Filter httpMeters() {
        return new HttpMeters(registry);
    }

    /**
     * {@code GET /metrics}: the Prometheus text exposition format. An installation administrator
     * (or anyone, with authentication off) sees the whole node; any other key that reads sees the
     * series of its own namespace's functions only.
     */
    public Consumer<HttpRouting.Builder> metricsApi(Tenancy tenancy) {
        return routing -> routing.get("/metrics", (req, res) -> {
            FleetGauges g = gauges;
            if (g != null) {
                g.refresh();
            }
            String text = registry.scrape();
            Optional<Scope> scope = req.context().get(Scope.class);
            boolean wholeNode = scope.isEmpty() || scope.get().namespace().equals(Namespace.DEFAULT)
                    && req.context().get(Caller.class).map(Caller::administersInstallation).orElse(false);
            if (!wholeNode) {
                text = MetricsText.only(text, function -> tenancy.visible(scope, ResourceKind.FUNCTION, function));
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(text);
        });
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        if (exporter != null) {
            exporter.close();
        }
        gc.close();
        registry.close();
    }
}
