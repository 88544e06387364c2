package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Schedule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules on a real SQLite file: the firing is all or nothing, and only once per tick. */
class SqlScheduleStoreTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dataDir;
    private SqlStore store;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static AsyncEvent tick(String id) {
        return AsyncEvent.accepted(id, "orders", null, "{}".getBytes(), null, null, T0);
    }

    @Test
    void aFiringStoresItsEventsAndMovesTheNextTickTogetherOnce() {
        var s = new Schedule("nightly", "orders", "live", "cron(0 2 * * ? *)", "Europe/Paris", T0, T0.plusSeconds(60),
                null, 0, new DeliveryConfig(0, null, null, null, null));
        store.schedules().put(s);

        assertThat(store.schedules().fire(s, List.of(tick("t1")), T0.plusSeconds(120), T0.plusSeconds(60), 2)).isTrue();
        assertThat(store.schedules().fire(s, List.of(tick("t1-again")), T0.plusSeconds(120), T0.plusSeconds(60), 0))
                .as("the tick it read is gone").isFalse();

        Schedule after = store.schedules().get("nightly").orElseThrow();
        assertThat(after.nextFireAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(after.lastFiredAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(after.skipped()).isEqualTo(2);
        assertThat(after.timeZone()).isEqualTo("Europe/Paris");
        assertThat(after.delivery().maxRetries()).isZero();
        assertThat(store.events().get("t1")).isPresent();
        assertThat(store.events().get("t1-again")).isEmpty();
        assertThat(store.schedules().due(T0.plusSeconds(119))).isEmpty();
        assertThat(store.schedules().due(T0.plusSeconds(120))).extracting(Schedule::name).containsExactly("nightly");
    }

    @Test
    void aTickWhoseEventIsStoredAlreadyIsNotStoredTwice() {
        var s = new Schedule("s", "orders", null, "rate(1 minute)", "UTC", T0, T0, null, 0, null);
        store.schedules().put(s);
        store.events().add(AsyncEvent.accepted("tick", "orders", null, "{\"first\":true}".getBytes(), null, null, T0));

        boolean fired = store.schedules().fire(s, List.of(tick("tick")), T0.plusSeconds(60), T0, 0);

        assertThat(fired).isTrue();
        assertThat(new String(store.events().get("tick").orElseThrow().payload())).isEqualTo("{\"first\":true}");
        assertThat(store.schedules().get("s").orElseThrow().nextFireAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void replacingAndDeletingSchedules() {
        var s = new Schedule("s", "orders", null, "rate(1 minute)", "UTC", T0, T0, null, 0, null);
        store.schedules().put(s);
        store.schedules().put(new Schedule("s", "billing", null, "rate(1 hour)", "UTC", T0, T0, null, 0, null));

        assertThat(store.schedules().list()).extracting(Schedule::function).containsExactly("billing");
        assertThat(store.schedules().delete("s")).isTrue();
        assertThat(store.schedules().delete("s")).isFalse();
    }
}
