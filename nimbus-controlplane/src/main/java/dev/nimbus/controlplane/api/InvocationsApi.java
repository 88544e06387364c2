package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.InvocationSeries;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A function's invocations, one by one and over time:
 * <pre>
 * GET /api/v1/functions/{name}/invocations?limit=N&amp;cursor=C&amp;outcome=a,b&amp;since=T&amp;until=T
 *     newest first, N ≤ 200 (default 50); T is ISO-8601 ({@code 2026-11-26T10:00:00Z}) or an age
 *     ({@code 15m}, {@code 2h}, {@code 1d}); the answer's {@code nextCursor} asks for the next page
 * GET /api/v1/functions/{name}/invocations/{requestId}
 * GET /api/v1/functions/{name}/metrics?minutes=M    the last M minutes (≤ 60, default 60) in 10-second steps
 * </pre>
 */
public final class InvocationsApi {
    /** Records carry up to ~52 KB of log each: a page stays under ~10 MB. */
    private static final int MAX_LIMIT = 200;
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");
    private final FunctionCatalog catalog;
    private final InvocationRecords records;
    private final InvocationSeries series;
    private final InstantSource clock;
    private final JsonBodies json;

    public InvocationsApi(FunctionCatalog catalog, InvocationRecords records, InvocationSeries series,
                          InstantSource clock, ObjectMapper mapper) {
        this.catalog = catalog;
        this.records = records;
        this.series = series;
        this.clock = clock;
        this.json = new JsonBodies(mapper);
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/functions/{name}/invocations", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    InvocationRecords.Page page = records.query(name, query(req));
                    var body = new LinkedHashMap<String, Object>();
                    body.put("invocations", page.records().stream().map(InvocationView::of).toList());
                    if (page.next() != null) {
                        body.put("nextCursor", page.next());
                    }
                    json.send(res, 200, body);
                }))
                .get("/api/v1/functions/{name}/invocations/{id}", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    String id = req.path().pathParameters().get("id");
                    InvocationRecord record = records.find(name, id).orElseThrow(() -> new ApiException(
                            ErrorCode.NOT_FOUND, "no record of invocation " + FunctionName.clip(id) + " of " + name
                            + " is kept (records are kept for a limited time and number)"));
                    json.send(res, 200, InvocationView.of(record));
                }))
                .get("/api/v1/functions/{name}/metrics", (req, res) -> FunctionsApi.guarded(res, () -> {
                    String name = ApiResponses.function(req, catalog);
                    int minutes = ApiResponses.intParam(req, "minutes", 60, 1, 60);
                    json.send(res, 200, Map.of("function", name, "stepSeconds", InvocationSeries.STEP.getSeconds(),
                            "points", series.points(name, Duration.ofMinutes(minutes))));
                }));
    }

    private InvocationRecords.Query query(ServerRequest req) {
        int limit = ApiResponses.limit(req, 50, 1, MAX_LIMIT);
        String cursor = req.query().first("cursor").orElse(null);
        long before;
        try {
            before = InvocationRecords.Query.after(cursor);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "cursor " + FunctionName.clip(cursor)
                    + " is not one a page of invocations gave");
        }
        return new InvocationRecords.Query(outcomes(req.query().first("outcome").orElse(null)),
                time(req, "since"), time(req, "until"), limit, before);
    }

    private static Set<InvocationRecord.Outcome> outcomes(String list) {
        var out = EnumSet.noneOf(InvocationRecord.Outcome.class);
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String item : list.split(",")) {
            try {
                out.add(InvocationRecord.Outcome.valueOf(item.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "outcome " + FunctionName.clip(item.strip())
                        + " is not one of success, function_error, init_error, timeout, throttled, platform_error");
            }
        }
        return out;
    }

    /** An ISO-8601 instant or an age before now such as {@code 15m}; null when absent. */
    private Instant time(ServerRequest req, String param) {
        Optional<String> value = req.query().first(param).asOptional();
        if (value.isEmpty() || value.get().isBlank()) {
            return null;
        }
        String v = value.get().strip();
        var age = AGE.matcher(v);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, param + " must be an ISO-8601 time such as "
                    + "2026-11-26T10:00:00Z or an age such as 15m, 2h or 1d, was " + FunctionName.clip(v));
        }
    }

    /** An invocation record with times in milliseconds; the cold-start phases only for cold starts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InvocationView(String requestId, String function, String version, long revision, String trigger,
                          String instanceId, Instant arrived, String start, double queuedMs, ColdStart coldStart,
                          double durationMs, String outcome, String errorType, Long maxMemoryMb, String traceId,
                          List<String> log) {
        static InvocationView of(InvocationRecord r) {
            var c = r.coldStart();
            ColdStart cold = c == null ? null : new ColdStart(ms(r.queued()), ms(c.spawn()), ms(c.runtimeInit()),
                    c.handlerInit() == null ? null : ms(c.handlerInit()));
            return new InvocationView(r.requestId(), r.function(), r.version(), r.revision(), lower(r.trigger()),
                    r.instanceId(), r.arrived(), r.start() == null ? null : lower(r.start()), ms(r.queued()), cold,
                    ms(r.duration()), lower(r.outcome()), r.errorType(),
                    r.instanceId() == null ? null : r.maxMemoryMb(), r.trace().traceId(), r.log());
        }

        private static String lower(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }

        private static double ms(Duration d) {
            return d == null ? 0 : Math.round(d.toNanos() / 10_000.0) / 100.0;
        }
    }

    /** Where a cold start's time went, in milliseconds; {@code handlerInitMs} absent when the runtime did not say. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ColdStart(double queuedMs, double spawnMs, double runtimeInitMs, Double handlerInitMs) {
    }
}
