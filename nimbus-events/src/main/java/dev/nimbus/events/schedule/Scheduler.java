package dev.nimbus.events.schedule;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.Schedule;
import dev.nimbus.core.event.ScheduleStore;
import dev.nimbus.core.function.Arns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fires due schedules into the durable asynchronous events. Each tick becomes one event whose id
 * is derived from the schedule and the tick, stored in the same transaction that moves the
 * schedule to its next tick ({@link ScheduleStore#fire}): a tick fires exactly once, also when
 * the server stops between ticks. Ticks missed while the server was down are fired at start if
 * they are younger than the maximum event age, else skipped and counted.
 *
 * <p>Threading: one platform thread calls {@link #tick} every second; tests call it themselves.
 */
public final class Scheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    /** Ticks fired per schedule per pass; a longer backlog continues at the next pass. */
    static final int MAX_TICKS = 1000;
    /** A tick that will never come (a cron expression with no future execution). */
    public static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    private final ScheduleStore store;
    private final Duration maxAge;
    private final InstantSource clock;
    private final Runnable fired;
    private volatile Thread thread;

    /** @param fired told after a pass stored events, so that delivery need not wait for its poll */
    public Scheduler(ScheduleStore store, Duration maxAge, InstantSource clock, Runnable fired) {
        this.store = store;
        this.maxAge = maxAge;
        this.clock = clock;
        this.fired = fired;
    }

    public Scheduler start() {
        thread = Thread.ofPlatform().name("nimbus-scheduler").daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    tick();
                    Thread.sleep(1000 - clock.millis() % 1000 + 5);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "firing schedules failed; trying again in a second", e);
                }
            }
        });
        return this;
    }

    /** Fires every due tick of every schedule; returns the events stored. */
    public int tick() {
        Instant now = clock.instant();
        int stored = 0;
        for (Schedule s : store.due(now)) {
            try {
                stored += fire(s, now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "schedule " + s.name() + " could not fire; it is tried again", e);
            }
        }
        if (stored > 0) {
            fired.run();
        }
        return stored;
    }

    private int fire(Schedule s, Instant now) {
        ScheduleExpression expression = ScheduleExpression.parse(s.expression(), s.timeZone(), s.createdAt());
        List<AsyncEvent> events = new ArrayList<>();
        Instant tick = s.nextFireAt();
        Instant last = null;
        long skipped = 0;
        Duration oldest = s.delivery() != null && s.delivery().maxAgeSeconds() != null
                ? Duration.ofSeconds(s.delivery().maxAgeSeconds()) : maxAge;
        while (!tick.isAfter(now) && events.size() + skipped < MAX_TICKS) {
            if (Duration.between(tick, now).compareTo(oldest) > 0) {
                skipped++;
            } else {
                events.add(event(s, tick, now));
                last = tick;
            }
            Instant next = expression.nextAfter(tick);
            // a time zone's clock change must never make a schedule stand still or go back
            tick = next.isAfter(tick) ? next : expression.nextAfter(tick.plusSeconds(60));
        }
        if (skipped > 0) {
            LOG.log(System.Logger.Level.WARNING, "schedule {0}: {1} tick(s) older than {2} skipped", s.name(), skipped, oldest);
        }
        return store.fire(s, events, tick, last, skipped) ? events.size() : 0;
    }

    /** EventBridge's scheduled event for {@code tick} (lambda-compat.md §6.5), with a deterministic id. */
    static AsyncEvent event(Schedule s, Instant tick, Instant now) {
        String id = UUID.nameUUIDFromBytes((s.name() + "|" + s.createdAt().toEpochMilli() + "|" + tick.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        String payload = "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"" + Arns.ACCOUNT + "\",\"time\":\""
                + tick.truncatedTo(ChronoUnit.SECONDS) + "\",\"region\":\"" + Arns.REGION + "\",\"resources\":"
                + "[\"arn:aws:events:" + Arns.REGION + ":" + Arns.ACCOUNT + ":rule/" + s.name() + "\"],\"detail\":{}}";
        return AsyncEvent.accepted(id, s.function(), s.qualifier(), payload.getBytes(StandardCharsets.UTF_8), null,
                null, now).withOrigin(s.origin());
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
