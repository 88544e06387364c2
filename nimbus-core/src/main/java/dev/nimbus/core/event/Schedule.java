package dev.nimbus.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule that invokes a function asynchronously at each tick of its expression.
 *
 * @param name        unique name, 1-64 letters, digits, '.', '_' or '-', not only dots
 * @param function    the function to invoke
 * @param qualifier   a version or alias, or null for {@code $LATEST}
 * @param expression  {@code rate(N minutes|hours|days)} or {@code cron(min hour dom month dow year)}
 * @param timeZone    the zone a cron expression is read in (an IANA id, default UTC)
 * @param createdAt   when it was created; rates tick from here
 * @param nextFireAt  the next tick not yet fired
 * @param lastFiredAt the latest tick fired, or null
 * @param skipped     ticks missed for longer than the maximum event age, skipped rather than fired
 * @param delivery    how its events are delivered, or null for its function's configuration
 */
public record Schedule(String name, String function, String qualifier, String expression, String timeZone,
                       Instant createdAt, Instant nextFireAt, Instant lastFiredAt, long skipped,
                       DeliveryConfig delivery) {

    public Schedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextFireAt, "nextFireAt");
    }

    /** {@link AsyncEvent#origin()} of the events it causes. */
    public String origin() {
        return origin(name);
    }

    /** {@link AsyncEvent#origin()} of the events the schedule {@code name} causes. */
    public static String origin(String name) {
        return "schedule:" + name;
    }
}
