package dev.nimbus.events.schedule;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Schedule;
import dev.nimbus.core.event.ScheduleStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.events.http.Http;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Schedules that invoke a function asynchronously:
 * <pre>
 * PUT    /api/v1/schedules/{name}  {"function": "name[:qualifier]", "expression": "rate(5 minutes)" | "cron(...)",
 *                                   "timeZone"?: "Europe/Paris", "delivery"?: {...}}  → 201 created / 200 replaced (ticks start anew)
 * GET    /api/v1/schedules, GET /api/v1/schedules/{name}
 * DELETE /api/v1/schedules/{name}  → 204
 * </pre>
 * A schedule shows its next and last tick and the ticks it skipped; its events are the function's
 * asynchronous events ({@code GET /api/v1/functions/{name}/async}).
 */
public final class SchedulesApi {
    private static final int MAX_BODY = 16 * 1024;

    private final ScheduleStore schedules;
    private final BusStore bus;
    private final Tenancy tenancy;
    private final FunctionCatalog catalog;
    private final ObjectMapper json;
    private final InstantSource clock;

    /** {@code bus} is where delivery configurations' topics are looked up. */
    public SchedulesApi(ScheduleStore schedules, FunctionCatalog catalog, BusStore bus, Tenancy tenancy,
                        ObjectMapper json, InstantSource clock) {
        this.schedules = schedules;
        this.tenancy = tenancy;
        this.bus = bus;
        this.catalog = catalog;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
    }

    /** The body of a PUT. */
    record ScheduleRequest(String function, String expression, String timeZone, DeliveryConfig delivery) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScheduleView(String name, String function, String qualifier, String expression, String timeZone,
                        DeliveryConfig delivery, Instant createdAt, Instant nextFireAt, Instant lastFiredAt,
                        long skipped) {
        static ScheduleView of(Schedule s) {
            return new ScheduleView(s.name(), s.function(), s.qualifier(), s.expression(), s.timeZone(), s.delivery(),
                    s.createdAt(), s.nextFireAt().equals(Scheduler.NEVER) ? null : s.nextFireAt(), s.lastFiredAt(),
                    s.skipped());
        }
    }

    public void register(HttpRouting.Builder routing) {
        routing.put("/api/v1/schedules/{name}", Http.guarded(this::put))
                .get("/api/v1/schedules", Http.guarded((req, res) -> Http.send(res, json, 200,
                        Map.of("schedules", schedules.list().stream()
                                .filter(s -> Http.reach(req, tenancy).sees(ResourceKind.SCHEDULE, s.name()))
                                .map(ScheduleView::of).toList()))))
                .get("/api/v1/schedules/{name}", Http.guarded((req, res) -> Http.send(res, json, 200,
                        ScheduleView.of(schedules.get(name(req)).orElseThrow(() -> notFound(name(req)))))))
                .delete("/api/v1/schedules/{name}", Http.guarded((req, res) -> {
                    if (!schedules.delete(name(req))) {
                        throw notFound(name(req));
                    }
                    res.status(204).send();
                }));
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        String name = name(req);
        ScheduleRequest body = Http.body(req, json, ScheduleRequest.class, MAX_BODY);
        Http.Reach reach = Http.reach(req, tenancy);
        Http.FunctionRef target = Http.function(body == null ? null : body.function(), catalog, reach);
        DeliveryConfig delivery = Http.delivery(body.delivery(), target.name(), catalog, bus, reach);
        Instant now = clock.instant();
        String zone;
        Instant next;
        try {
            zone = ScheduleExpression.zone(body.timeZone()).getId();
            next = ScheduleExpression.parse(body.expression(), zone, now).nextAfter(now);
        } catch (IllegalArgumentException e) {
            throw Http.invalid(e.getMessage());
        }
        if (next.equals(Scheduler.NEVER)) {
            throw Http.invalid("the expression never fires after now");
        }
        boolean replaced = schedules.get(name).isPresent();
        var schedule = new Schedule(name, target.name(), target.qualifier(), body.expression(), zone, now, next,
                null, 0, delivery);
        schedules.put(schedule);
        Http.send(res, json, replaced ? 200 : 201, ScheduleView.of(schedule));
    }

    private static String name(ServerRequest req) {
        return Http.name("schedule name", req.path().pathParameters().get("name"));
    }

    private static ApiException notFound(String name) {
        return new ApiException(ErrorCode.NOT_FOUND, "Schedule not found: " + name);
    }
}
