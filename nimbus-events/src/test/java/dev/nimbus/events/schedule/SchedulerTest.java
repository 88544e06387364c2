package dev.nimbus.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Schedule;
import dev.nimbus.core.event.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Firing schedules on a manual clock, against an in-memory store with the SQL store's compare-and-set. */
class SchedulerTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    static final class ManualClock implements InstantSource {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class MemoryStore implements ScheduleStore {
        final Map<String, Schedule> schedules = new LinkedHashMap<>();
        final List<AsyncEvent> events = new ArrayList<>();

        @Override
        public synchronized void put(Schedule s) {
            schedules.put(s.name(), s);
        }

        @Override
        public synchronized Optional<Schedule> get(String name) {
            return Optional.ofNullable(schedules.get(name));
        }

        @Override
        public synchronized List<Schedule> list() {
            return List.copyOf(schedules.values());
        }

        @Override
        public synchronized boolean delete(String name) {
            return schedules.remove(name) != null;
        }

        @Override
        public synchronized int deleteFunction(String function) {
            throw new UnsupportedOperationException("not used by the scheduler");
        }

        @Override
        public synchronized List<Schedule> due(Instant now) {
            return schedules.values().stream().filter(s -> !s.nextFireAt().isAfter(now)).toList();
        }

        @Override
        public synchronized boolean fire(Schedule s, List<AsyncEvent> fired, Instant next, Instant last, long skipped) {
            Schedule current = schedules.get(s.name());
            if (current == null || !current.nextFireAt().equals(s.nextFireAt())) {
                return false;
            }
            events.addAll(fired);
            schedules.put(s.name(), new Schedule(s.name(), s.function(), s.qualifier(), s.expression(), s.timeZone(),
                    s.createdAt(), next, last != null ? last : current.lastFiredAt(), current.skipped() + skipped, s.delivery()));
            return true;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final MemoryStore store = new MemoryStore();
    private final AtomicInteger wakes = new AtomicInteger();
    private final Scheduler scheduler = new Scheduler(store, Duration.ofHours(6), clock, wakes::incrementAndGet);

    private void schedule(String name, String expression) {
        store.put(new Schedule(name, "orders", "live", expression, "UTC", T0,
                ScheduleExpression.parse(expression, "UTC", T0).nextAfter(T0), null, 0, null));
    }

    @Test
    void eachTickFiresOnceWithAnEventBridgeScheduledEvent() throws Exception {
        schedule("every-minute", "rate(1 minute)");

        assertThat(scheduler.tick()).as("nothing due yet").isZero();
        clock.now = T0.plusSeconds(60);
        assertThat(scheduler.tick()).isEqualTo(1);
        assertThat(scheduler.tick()).as("the same tick never fires twice").isZero();

        AsyncEvent event = store.events.getFirst();
        assertThat(event.function()).isEqualTo("orders");
        assertThat(event.qualifier()).isEqualTo("live");
        JsonNode payload = new ObjectMapper().readTree(event.payload());
        assertThat(payload.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(payload.get("source").asText()).isEqualTo("aws.events");
        assertThat(payload.get("time").asText()).isEqualTo("2026-11-26T10:01:00Z");
        assertThat(payload.get("resources").get(0).asText()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/every-minute");
        assertThat(payload.get("id").asText()).isEqualTo(event.id());
        assertThat(store.get("every-minute").orElseThrow().nextFireAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(store.get("every-minute").orElseThrow().lastFiredAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(wakes).hasValue(1);
    }

    @Test
    void ticksMissedWhileDownFireOnceIfYoungEnoughAndAreSkippedAndCountedIfNot() {
        schedule("hourly", "rate(1 hour)");

        clock.now = T0.plus(Duration.ofHours(10)).plusSeconds(30); // ten ticks missed
        int fired = scheduler.tick();

        assertThat(fired).as("ticks of the last 6 hours").isEqualTo(6);
        Schedule after = store.get("hourly").orElseThrow();
        assertThat(after.skipped()).isEqualTo(4);
        assertThat(after.nextFireAt()).isEqualTo(T0.plus(Duration.ofHours(11)));
        assertThat(store.events).extracting(AsyncEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void aSchedulesOwnMaximumAgeDecidesWhichMissedTicksAreSkipped() {
        store.put(new Schedule("hourly", "orders", null, "rate(1 hour)", "UTC", T0, T0.plus(Duration.ofHours(1)), null, 0,
                new DeliveryConfig(null, 7200, null, null, null)));

        clock.now = T0.plus(Duration.ofHours(10)).plusSeconds(30);

        assertThat(scheduler.tick()).as("ticks of the last 2 hours").isEqualTo(2);
        assertThat(store.get("hourly").orElseThrow().skipped()).isEqualTo(8);
        assertThat(store.events).allSatisfy(e -> assertThat(e.origin()).isEqualTo("schedule:hourly"));
    }

    @Test
    void aFiringThatLostTheRaceStoresNothing() {
        schedule("s", "rate(1 minute)");
        clock.now = T0.plusSeconds(60);
        Schedule stale = store.get("s").orElseThrow();
        scheduler.tick();

        boolean again = store.fire(stale, List.of(Scheduler.event(stale, stale.nextFireAt(), clock.now)),
                T0.plusSeconds(120), T0.plusSeconds(60), 0);

        assertThat(again).isFalse();
        assertThat(store.events).hasSize(1);
    }

    @Test
    void eventIdsAreTheSameForTheSameTickAndDifferForADifferentScheduleOrTick() {
        var s = new Schedule("s", "orders", null, "rate(1 minute)", "UTC", T0, T0, null, 0, null);
        var recreated = new Schedule("s", "orders", null, "rate(1 minute)", "UTC", T0.plusSeconds(1), T0, null, 0, null);

        assertThat(Scheduler.event(s, T0, T0).id()).isEqualTo(Scheduler.event(s, T0, T0.plusSeconds(5)).id());
        assertThat(Scheduler.event(s, T0, T0).id()).isNotEqualTo(Scheduler.event(s, T0.plusSeconds(60), T0).id());
        assertThat(Scheduler.event(s, T0, T0).id()).isNotEqualTo(Scheduler.event(recreated, T0, T0).id());
    }
}
