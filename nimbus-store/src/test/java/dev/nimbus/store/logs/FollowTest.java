package dev.nimbus.store.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.logs.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final int CAPACITY = 8;
    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");

    @TempDir
    Path dataDir;
    private DirectoryLogs logs;

    @BeforeEach
    void open() throws IOException {
        logs = new DirectoryLogs(dataDir.resolve("logs"), 1 << 20, CAPACITY, InstantSource.fixed(NOW));
    }

    @AfterEach
    void close() {
        logs.close();
    }

    private static LogRecord line(String function, int i) {
        return new LogRecord(T0.plusMillis(i), function, 1, "req", "line " + i);
    }

    /** A listener that records what it gets and opens a latch when it sees a given message. */
    private static final class Recorder implements Consumer<LogRecord> {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        final CountDownLatch done;
        final String last;

        Recorder(String last) {
            this.last = last;
            this.done = new CountDownLatch(1);
        }

        @Override
        public void accept(LogRecord r) {
            seen.add(r.message());
            records.add(r);
            if (r.message().equals(last)) {
                done.countDown();
            }
        }

        void await() throws InterruptedException {
            assertThat(done.await(10, TimeUnit.SECONDS)).as("listener saw '" + last + "'").isTrue();
        }
    }

    @Test
    void followersGetNewRecordsOfTheirFunctionInOrderUntilClosed() throws Exception {
        var recorder = new Recorder("line 4");
        var handle = (Follower) logs.follow("orders", recorder);

        for (int i = 0; i < 5; i++) {
            logs.append(line("orders", i));
            logs.append(line("other", i));
        }
        recorder.await();
        handle.close();
        handle.awaitStopped();
        logs.append(line("orders", 5));

        assertThat(recorder.seen).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
    }

    @Test
    void aStalledListenerNeverBlocksTheAppenderAndLearnsWhatItMissed() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var drained = new CountDownLatch(1);
        var recorder = new Recorder("last");
        logs.follow("orders", r -> {
            if (r.message().equals("line 0")) {
                entered.countDown();
                awaitQuietly(release);
            }
            recorder.accept(r);
            if (r.message().equals("line " + CAPACITY)) {
                drained.countDown();
            }
        });

        logs.append(line("orders", 0));
        entered.await();
        for (int i = 1; i <= CAPACITY + 6; i++) {
            logs.append(line("orders", i)); // 8 fit the buffer, 6 are skipped; none of this waits
        }
        release.countDown();
        drained.await();
        logs.append(new LogRecord(T0, "orders", 1, "req", "last"));
        recorder.await();

        List<String> expected = new ArrayList<>(IntStream.rangeClosed(0, CAPACITY).mapToObj(i -> "line " + i).toList());
        expected.add("[nimbus] 6 log lines skipped: this follower fell behind");
        expected.add("last");
        assertThat(recorder.seen).containsExactlyElementsOf(expected);
        assertThat(recorder.records.get(CAPACITY + 1).time()).as("notice stamped by the clock").isEqualTo(NOW);
        assertThat(logs.tail("orders", 100)).hasSize(CAPACITY + 8).as("the file has every line");
    }

    @Test
    void followersGetTheSameRecordsTailReadsBack() throws Exception {
        var recorder = new Recorder("");
        logs.follow("orders", recorder);

        logs.append(new LogRecord(T0, "orders", 2, null, null));
        recorder.await();

        assertThat(recorder.records).containsExactlyElementsOf(logs.tail("orders", 10));
    }

    @Test
    void aListenerThatThrowsIsDroppedAndOthersGoOn() throws Exception {
        var failing = (Follower) logs.follow("orders", r -> {
            throw new IllegalStateException("broken listener");
        });
        var healthy = new Recorder("line 2");
        logs.follow("orders", healthy);

        logs.append(line("orders", 0));
        failing.awaitStopped();
        logs.append(line("orders", 1));
        logs.append(line("orders", 2));

        healthy.await();
        assertThat(healthy.seen).containsExactly("line 0", "line 1", "line 2");
    }

    @Test
    void deletingTheFunctionEndsItsFollowers() throws Exception {
        var follower = (Follower) logs.follow("orders", r -> { });

        logs.delete("orders");

        follower.awaitStopped();
        var recorder = new Recorder("line 1");
        logs.follow("orders", recorder);
        logs.append(line("orders", 1));
        recorder.await();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
