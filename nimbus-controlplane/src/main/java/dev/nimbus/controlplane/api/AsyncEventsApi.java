package dev.nimbus.controlplane.api;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Tenancy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.EventStatus;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.event.Schedule;
import dev.nimbus.core.event.Subscription;
import dev.nimbus.core.object.BucketNotification;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where asynchronous invocations stand:
 * <pre>
 * GET    /api/v1/async/{id}                                          one event
 * GET    /api/v1/functions/{name}/async?status=dead_lettered&limit=N  a function's events, newest first
 * GET    /api/v1/topics/{topic}/subscriptions/{name}/events?status&limit   the events a subscription caused
 * GET    /api/v1/buckets/{bucket}/notifications/{name}/events?status&limit  the events a bucket notification caused
 * GET    /api/v1/schedules/{name}/events?status&limit                      the events a schedule caused
 * POST   /api/v1/functions/{name}/dead-letters/redrive[?id=ID]        dead letters back in line → {"redriven": n}
 * DELETE /api/v1/functions/{name}/dead-letters[?id=ID]                dead letters deleted → {"purged": n}
 * </pre>
 * A redriven event starts over: pending, no attempts used, its maximum age counted from the redrive.
 * An event shows its status (pending, in_flight, retrying, delivered, dead_lettered), attempts,
 * next due time, last error and payload size; never the payload itself.
 */
public final class AsyncEventsApi {
    private static final int MAX_LIMIT = 1000;
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");
    private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");

    private final FunctionCatalog catalog;
    private final EventStore events;
    private final Tenancy tenancy;
    private final JsonBodies json;

    private final InstantSource clock;

    public AsyncEventsApi(FunctionCatalog catalog, EventStore events, Tenancy tenancy, ObjectMapper mapper,
                          InstantSource clock) {
        this.catalog = catalog;
        this.tenancy = tenancy;
        this.events = events;
        this.json = new JsonBodies(mapper);
        this.clock = clock;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/api/v1/async/{id}", (req, res) -> FunctionsApi.guarded(res, () -> one(req, res)))
                .get("/api/v1/functions/{name}/async", (req, res) -> FunctionsApi.guarded(res, () ->
                        list(req, res, (status, limit) -> events.list(ApiResponses.function(req, catalog), status, limit))))
                .get("/api/v1/topics/{topic}/subscriptions/{name}/events", (req, res) -> FunctionsApi.guarded(res, () ->
                        list(req, res, (status, limit) -> events.listByOrigin(
                                Subscription.origin(name(req, "topic"), name(req, "name")), status, limit))))
                .get("/api/v1/buckets/{bucket}/notifications/{name}/events", (req, res) -> FunctionsApi.guarded(res, () ->
                        list(req, res, (status, limit) -> events.listByOrigin(
                                BucketNotification.origin(name(req, "bucket"), name(req, "name")), status, limit))))
                .get("/api/v1/schedules/{name}/events", (req, res) -> FunctionsApi.guarded(res, () ->
                        list(req, res, (status, limit) -> events.listByOrigin(Schedule.origin(name(req, "name")), status,
                                limit))))
                .post("/api/v1/functions/{name}/dead-letters/redrive", (req, res) -> FunctionsApi.guarded(res, () ->
                        json.send(res, 200, Map.of("redriven", events.redrive(ApiResponses.function(req, catalog), idParameter(req),
                                clock.instant())))))
                .delete("/api/v1/functions/{name}/dead-letters", (req, res) -> FunctionsApi.guarded(res, () ->
                        json.send(res, 200, Map.of("purged", events.purgeDeadLetters(ApiResponses.function(req, catalog),
                                idParameter(req))))));
    }

    /** The optional {@code ?id=} naming one dead letter; null for all. */
    private static String idParameter(ServerRequest req) {
        return req.query().first("id").map(AsyncEventsApi::checkId).orElse(null);
    }

    private static String checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "id must be an event id as returned with the 202");
        }
        return id;
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = checkId(req.path().pathParameters().get("id"));
        AsyncEvent event = events.get(id)
                .filter(e -> tenancy.visible(FunctionsApi.scope(req), ResourceKind.FUNCTION, e.function()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No asynchronous event " + id
                        + " (delivered events are kept 24 h)"));
        json.send(res, 200, EventView.of(event, true));
    }

    /** A topic, subscription or schedule name from the path; 400 if it cannot be one. */
    private static String name(ServerRequest req, String parameter) {
        String name = req.path().pathParameters().get(parameter);
        if (!NAME.matcher(name).matches()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, parameter + " must be 1-64 letters, digits, '.', '_' or '-', not only dots");
        }
        return name;
    }

    private void list(ServerRequest req, ServerResponse res, BiFunction<EventStatus, Integer, List<AsyncEvent>> query) {
        EventStatus status = req.query().first("status").map(s -> {
            EventStatus parsed = EventStatus.of(s);
            if (parsed == null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "status must be one of "
                        + Arrays.stream(EventStatus.values()).map(EventStatus::id).toList() + ", was '" + FunctionName.clip(s) + "'");
            }
            return parsed;
        }).orElse(null);
        int limit = ApiResponses.limit(req, 100, 1, MAX_LIMIT);
        var list = query.apply(status, limit).stream().map(e -> EventView.of(e, false)).toList();
        json.send(res, 200, Map.of("events", list));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventView(String id, String function, String qualifier, String origin, String status, int attempts,
                     Instant acceptedAt, Instant dueAt, Instant finishedAt, String lastError, Integer payloadBytes) {
        /** @param withSize whether {@code e} carries its payload (one event does; a list does not) */
        static EventView of(AsyncEvent e, boolean withSize) {
            return new EventView(e.id(), e.function(), e.qualifier(), e.origin(), e.status().id(), e.attempts(),
                    e.acceptedAt(),
                    e.status().isFinal() ? null : e.dueAt(), e.finishedAt(), e.lastError(),
                    withSize ? e.payload().length : null);
        }
    }
}
