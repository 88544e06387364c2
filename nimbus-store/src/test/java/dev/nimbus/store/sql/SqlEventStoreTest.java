package dev.nimbus.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.EventStatus;
import dev.nimbus.core.event.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events on a real SQLite file: claims, leases, outcomes, and what survives reopening. */
class SqlEventStoreTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(16);

    @TempDir
    Path dataDir;
    private SqlStore store;
    private EventStore events;

    @BeforeEach
    void open() {
        store = SqlStore.sqlite(dataDir);
        events = store.events();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AsyncEvent accept(String id, Instant at) {
        var e = AsyncEvent.accepted(id, "orders", "live", ("{\"id\":\"" + id + "\"}").getBytes(), "{\"c\":1}", "Root=1", at);
        events.add(e);
        return e;
    }

    @Test
    void anEventRoundTripsWithItsPayloadAndContext() {
        accept("e1", T0);

        AsyncEvent read = events.get("e1").orElseThrow();

        assertThat(new String(read.payload())).isEqualTo("{\"id\":\"e1\"}");
        assertThat(read.qualifier()).isEqualTo("live");
        assertThat(read.clientContext()).isEqualTo("{\"c\":1}");
        assertThat(read.status()).isEqualTo(EventStatus.PENDING);
        assertThat(read.acceptedAt()).isEqualTo(T0);
        assertThat(read.finishedAt()).isNull();
    }

    @Test
    void aClaimTakesDueEventsOldestFirstOnceUntilTheLeaseEnds() {
        accept("e1", T0);
        accept("e2", T0.plusSeconds(1));
        accept("later", T0.plusSeconds(60));

        var first = events.claim(T0.plusSeconds(2), LEASE, 10);
        var again = events.claim(T0.plusSeconds(3), LEASE, 10);
        var afterLease = events.claim(T0.plusSeconds(2).plus(LEASE), LEASE, 1);

        assertThat(first).extracting(AsyncEvent::id).containsExactly("e1", "e2");
        assertThat(again).as("leased").isEmpty();
        assertThat(afterLease).extracting(AsyncEvent::id).containsExactly("e1");
        assertThat(events.get("e2").orElseThrow().status()).isEqualTo(EventStatus.IN_FLIGHT);
    }

    @Test
    void retriesComeBackWhenDueAndOutcomesAreKept() {
        accept("e1", T0);
        accept("e2", T0);
        events.claim(T0, LEASE, 10);

        events.retry("e1", 1, T0.plusSeconds(10), "ValueError: no");
        events.deadLetter("e2", 3, "ValueError: never", T0.plusSeconds(5), List.of());

        assertThat(events.claim(T0.plusSeconds(9), LEASE, 10)).isEmpty();
        assertThat(events.claim(T0.plusSeconds(10), LEASE, 10)).extracting(AsyncEvent::attempts).containsExactly(1);
        events.delivered("e1", T0.plusSeconds(11), List.of());
        assertThat(events.get("e1").orElseThrow().status()).isEqualTo(EventStatus.DELIVERED);
        assertThat(events.get("e1").orElseThrow().lastError()).isEqualTo("ValueError: no");
        AsyncEvent dead = events.get("e2").orElseThrow();
        assertThat(dead.status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(events.list("orders", EventStatus.DEAD_LETTERED, 10)).extracting(AsyncEvent::id).containsExactly("e2");
        assertThat(events.list("orders", null, 1)).hasSize(1);
    }

    @Test
    void eventsInFlightWhenTheStoreClosedAreReleasedAfterReopening() {
        accept("e1", T0);
        events.claim(T0, LEASE, 10);
        store.close();

        store = SqlStore.sqlite(dataDir);
        events = store.events();

        assertThat(events.releaseLeases()).isEqualTo(1);
        assertThat(events.claim(T0.plusSeconds(1), LEASE, 10)).extracting(AsyncEvent::id).containsExactly("e1");
    }

    @Test
    void deadLettersAreRedrivenAsNewEventsOrPurgedOneOrAll() {
        accept("a", T0);
        accept("b", T0);
        accept("c", T0);
        accept("ok", T0);
        events.claim(T0, LEASE, 10);
        for (String id : new String[] {"a", "b", "c"}) {
            events.deadLetter(id, 3, "ValueError: no", T0.plusSeconds(1), List.of());
        }
        events.delivered("ok", T0, List.of());

        assertThat(events.redrive("orders", "a", T0.plusSeconds(60))).isEqualTo(1);
        AsyncEvent again = events.get("a").orElseThrow();
        assertThat(again.status()).isEqualTo(EventStatus.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(again.acceptedAt()).as("its maximum age counts from the redrive").isEqualTo(T0.plusSeconds(60));
        assertThat(again.finishedAt()).isNull();
        assertThat(events.redrive("orders", "ok", T0)).as("only dead letters").isZero();
        assertThat(events.redrive("other", null, T0)).isZero();

        assertThat(events.purgeDeadLetters("orders", "b")).isEqualTo(1);
        assertThat(events.purgeDeadLetters("orders", null)).isEqualTo(1);
        assertThat(events.list("orders", null, 10)).extracting(AsyncEvent::id).containsExactlyInAnyOrder("a", "ok");
    }

    @Test
    void anOutcomeForAnEventNoLongerInFlightChangesNothing() {
        accept("e1", T0);
        events.claim(T0, LEASE, 10);
        events.delivered("e1", T0.plusSeconds(1), List.of());

        events.retry("e1", 1, T0.plusSeconds(10), "a stale worker");

        assertThat(events.get("e1").orElseThrow().status()).isEqualTo(EventStatus.DELIVERED);
    }

    @Test
    void onlyDeliveredEventsOlderThanTheCutOffArePurged() {
        accept("old", T0);
        accept("new", T0);
        accept("dead", T0);
        events.claim(T0, LEASE, 10);
        events.delivered("old", T0, List.of());
        events.delivered("new", T0.plusSeconds(100), List.of());
        events.deadLetter("dead", 3, "x", T0, List.of());

        assertThat(events.purgeDelivered(T0.plusSeconds(50))).isEqualTo(1);

        assertThat(events.get("old")).isEmpty();
        assertThat(events.get("new")).isPresent();
        assertThat(events.get("dead")).as("dead letters stay for inspection").isPresent();
    }

    @Test
    void followUpsAreCommittedWithTheOutcomeAndOnlyIfTheEventWasInFlight() {
        accept("e1", T0);
        accept("e2", T0);
        events.claim(T0, LEASE, 10);
        var success = AsyncEvent.accepted("e1-success", "audit", null, "{}".getBytes(), null, null, T0);
        var failure = AsyncEvent.accepted("e2-failure", "audit", null, "{}".getBytes(), null, null, T0);

        events.delivered("e1", T0, List.of(success));
        events.deadLetter("e2", 3, "ValueError: no", T0, List.of(failure));
        events.delivered("e1", T0, List.of(AsyncEvent.accepted("stale", "audit", null, "{}".getBytes(), null, null, T0)));

        assertThat(events.list("audit", null, 10)).extracting(AsyncEvent::id)
                .containsExactlyInAnyOrder("e1-success", "e2-failure");
    }

    @Test
    void eventsAreListedByWhatCausedThem() {
        events.add(AsyncEvent.accepted("s1", "orders", null, "{}".getBytes(), null, null, T0)
                .withOrigin("subscription:uploads/resize"));
        events.add(AsyncEvent.accepted("s2", "orders", null, "{}".getBytes(), null, null, T0.plusSeconds(1))
                .withOrigin("subscription:uploads/resize"));
        accept("direct", T0);

        assertThat(events.listByOrigin("subscription:uploads/resize", null, 10)).extracting(AsyncEvent::id)
                .containsExactly("s2", "s1");
        assertThat(events.get("s1").orElseThrow().origin()).isEqualTo("subscription:uploads/resize");
        assertThat(events.listByOrigin("subscription:uploads/resize", EventStatus.DELIVERED, 10)).isEmpty();
    }
}
