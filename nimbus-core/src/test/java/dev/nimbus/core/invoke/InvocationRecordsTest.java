package dev.nimbus.core.invoke;

import static dev.nimbus.core.invoke.Records.ok;
import static dev.nimbus.core.invoke.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvocationRecordsTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    final ManualClock clock = new ManualClock(T0);
    final InvocationRecords records = InvocationRecords.inMemory(5, Duration.ofHours(1), 1L << 30, clock);

    @Test
    void pagesWalkFromNewestToOldestAndTheLastPageHasNoCursor() {
        for (int i = 1; i <= 5; i++) {
            records.add(ok("f", "r" + i, T0.plusSeconds(i)));
        }
        var first = records.query("f", new InvocationRecords.Query(Set.of(), null, null, 2, Long.MAX_VALUE));
        var second = records.query("f", new InvocationRecords.Query(Set.of(), null, null, 2,
                InvocationRecords.Query.after(first.next())));
        var third = records.query("f", new InvocationRecords.Query(Set.of(), null, null, 2,
                InvocationRecords.Query.after(second.next())));

        assertThat(first.records()).extracting(InvocationRecord::requestId).containsExactly("r5", "r4");
        assertThat(second.records()).extracting(InvocationRecord::requestId).containsExactly("r3", "r2");
        assertThat(third.records()).extracting(InvocationRecord::requestId).containsExactly("r1");
        assertThat(third.next()).isNull();
    }

    @Test
    void aPageIsStableWhileNewRecordsArrive() {
        for (int i = 1; i <= 4; i++) {
            records.add(ok("f", "r" + i, T0));
        }
        var first = records.query("f", new InvocationRecords.Query(Set.of(), null, null, 2, Long.MAX_VALUE));
        records.add(ok("f", "new", T0));

        var second = records.query("f", new InvocationRecords.Query(Set.of(), null, null, 2,
                InvocationRecords.Query.after(first.next())));

        assertThat(second.records()).extracting(InvocationRecord::requestId).containsExactly("r2", "r1");
    }

    @Test
    void filtersByOutcomeAndTimeRange() {
        records.add(ok("f", "early", T0));
        records.add(record("f", "failed", T0.plusSeconds(10), InvocationRecord.Outcome.FUNCTION_ERROR,
                InvocationRecord.StartKind.WARM, 5));
        records.add(record("f", "timeout", T0.plusSeconds(20), InvocationRecord.Outcome.TIMEOUT,
                InvocationRecord.StartKind.WARM, 5));
        records.add(ok("f", "late", T0.plusSeconds(30)));

        var failures = records.query("f", new InvocationRecords.Query(
                Set.of(InvocationRecord.Outcome.FUNCTION_ERROR, InvocationRecord.Outcome.TIMEOUT), null, null, 10,
                Long.MAX_VALUE));
        var window = records.query("f", new InvocationRecords.Query(Set.of(), T0.plusSeconds(10), T0.plusSeconds(30),
                10, Long.MAX_VALUE));

        assertThat(failures.records()).extracting(InvocationRecord::requestId).containsExactly("timeout", "failed");
        assertThat(window.records()).extracting(InvocationRecord::requestId)
                .as("since is inclusive, until exclusive").containsExactly("timeout", "failed");
    }

    @Test
    void keepsAtMostTheCountAndNothingOlderThanTheAge() {
        for (int i = 1; i <= 7; i++) {
            records.add(ok("f", "r" + i, T0));
        }
        assertThat(records.latest("f", 10)).extracting(InvocationRecord::requestId)
                .containsExactly("r7", "r6", "r5", "r4", "r3");

        clock.now = T0.plus(Duration.ofMinutes(61));
        records.add(ok("f", "fresh", clock.now));

        assertThat(records.latest("f", 10)).extracting(InvocationRecord::requestId).containsExactly("fresh");
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(records.latest("f", 10)).as("expired on reading too").isEmpty();
    }

    @Test
    void pastTheByteBudgetTheOldestRecordsOfTheNodeGoFirstWhateverTheirFunction() {
        long one = InvocationRecords.sizeOf(ok("x", "x00", T0)); // every id below has three characters
        var small = InvocationRecords.inMemory(100, Duration.ofHours(1), 10 * one, clock);
        small.add(ok("a", "a01", T0));
        small.add(ok("b", "b01", T0));
        for (int i = 2; i <= 10; i++) {
            small.add(ok("a", String.format("a%02d", i), T0));
        }

        assertThat(small.bytes()).as("down to 90 percent of the budget").isEqualTo(9 * one);
        assertThat(small.latest("b", 10)).as("b01 was the second oldest").isEmpty();
        assertThat(small.latest("a", 100)).extracting(InvocationRecord::requestId).hasSize(9).startsWith("a10")
                .doesNotContain("a01");
    }

    @Test
    void aDeletedFunctionsRecordsDoNotComeBackFromInvocationsThatWereStillRunning() {
        var heard = new ArrayList<String>();
        records.listen(record -> heard.add(record.requestId()));
        records.add(ok("f", "before", T0));
        clock.now = T0.plusSeconds(10);
        records.forget("f");

        records.add(ok("f", "was-running", T0.plusSeconds(5)));
        clock.now = T0.plusSeconds(20);
        records.add(ok("f", "new-function", T0.plusSeconds(20)));

        assertThat(records.latest("f", 10)).extracting(InvocationRecord::requestId).containsExactly("new-function");
        assertThat(heard).containsExactly("before", "new-function");
        assertThat(records.bytes()).isEqualTo(InvocationRecords.sizeOf(ok("f", "new-function", T0)));
    }

    @Test
    void findsOneInvocationByItsRequestId() {
        records.add(ok("f", "a", T0));
        records.add(ok("f", "b", T0));

        assertThat(records.find("f", "a")).map(InvocationRecord::requestId).contains("a");
        assertThat(records.find("f", "zzz")).isEmpty();
        assertThat(records.find("other", "a")).isEmpty();
    }

    @Test
    void listenersHearEveryRecordAndEveryForgottenFunction() {
        var heard = new ArrayList<String>();
        records.listen(new InvocationRecords.Listener() {
            @Override
            public void added(InvocationRecord record) {
                heard.add("added " + record.requestId());
            }

            @Override
            public void forgotten(String function) {
                heard.add("forgotten " + function);
            }
        });
        records.add(ok("f", "a", T0));
        records.forget("f");

        assertThat(heard).containsExactly("added a", "forgotten f");
        assertThat(records.latest("f", 10)).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotLoseTheRecordOrStopOthers() {
        var heard = new ArrayList<String>();
        records.listen(record -> {
            throw new IllegalStateException("boom");
        });
        records.listen(record -> heard.add(record.requestId()));

        records.add(ok("f", "a", T0));

        assertThat(heard).containsExactly("a");
        assertThat(records.latest("f", 1)).hasSize(1);
    }

    @Test
    void aCursorNoPageGaveIsRefused() {
        for (String bad : List.of("abc", "-1", "0", "1e9")) {
            assertThatThrownBy(() -> InvocationRecords.Query.after(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(InvocationRecords.Query.after(null)).isEqualTo(Long.MAX_VALUE);
    }

    static final class ManualClock implements java.time.InstantSource {
        Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
