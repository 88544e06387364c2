package dev.nimbus.store.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.core.logs.LogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryLogsTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dataDir;
    private LogFiles logs;

    @BeforeEach
    void open() throws IOException {
        logs = LogStores.onDisk(dataDir);
    }

    @AfterEach
    void close() {
        logs.close();
    }

    private static LogRecord line(String function, int i) {
        return new LogRecord(T0.plusMillis(i), function, 1, "req-" + i, "line " + i);
    }

    private static List<String> messages(List<LogRecord> records) {
        return records.stream().map(LogRecord::message).toList();
    }

    private static List<String> lines(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void tailGivesTheLastRecordsOldestFirst() {
        for (int i = 0; i < 10; i++) {
            logs.append(line("orders", i));
        }
        logs.append(line("other", 99));

        assertThat(logs.tail("orders", 3)).containsExactly(line("orders", 7), line("orders", 8), line("orders", 9));
        assertThat(messages(logs.tail("orders", 100))).isEqualTo(lines(0, 10));
        assertThat(logs.tail("orders", 0)).isEmpty();
        assertThat(logs.tail("never-logged", 5)).isEmpty();
        assertThat(dataDir.resolve("logs/orders.log")).isRegularFile();
    }

    @Test
    void tailReadsAcrossChunksAndLongLines() {
        String longMessage = "y".repeat(3 * TailReader.CHUNK);
        logs.append(line("orders", 0));
        logs.append(new LogRecord(T0, "orders", 1, "", longMessage));
        for (int i = 2; i < 2000; i++) {
            logs.append(line("orders", i));
        }

        List<LogRecord> all = logs.tail("orders", 5000);

        assertThat(all).hasSize(2000);
        assertThat(all.get(0)).isEqualTo(line("orders", 0));
        assertThat(all.get(1).message()).isEqualTo(longMessage);
        assertThat(messages(all.subList(2, 2000))).isEqualTo(lines(2, 2000));
    }

    @Test
    void rotatesAtTheBoundKeepingAtMostTwoFiles() throws IOException {
        logs.close();
        logs = LogStores.onDisk(dataDir, 2048, InstantSource.system());
        for (int i = 0; i < 500; i++) {
            logs.append(line("orders", i));
        }

        Path current = dataDir.resolve("logs/orders.log");
        Path rotated = dataDir.resolve("logs/orders.log.1");
        assertThat(Files.size(current)).isLessThanOrEqualTo(2048);
        assertThat(Files.size(rotated)).isLessThanOrEqualTo(2048).isGreaterThan(1900);
        try (var files = Files.list(dataDir.resolve("logs"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("orders.log", "orders.log.1");
        }
        List<LogRecord> kept = logs.tail("orders", 1000);
        int first = 500 - kept.size();
        assertThat(kept.size()).as("records in the two files").isBetween(20, 40);
        assertThat(messages(kept)).as("continuous across the rotation").isEqualTo(lines(first, 500));
        assertThat(messages(logs.tail("orders", 3))).isEqualTo(lines(497, 500));
    }

    @Test
    void survivesReopenAndSkipsALineCutByACrash() throws IOException {
        for (int i = 0; i < 5; i++) {
            logs.append(line("orders", i));
        }
        logs.close();
        Files.writeString(dataDir.resolve("logs/orders.log"), "{\"time\":\"2026-01-0", StandardOpenOption.APPEND);

        logs = LogStores.onDisk(dataDir);
        assertThat(messages(logs.tail("orders", 10))).isEqualTo(lines(0, 5));
        logs.append(line("orders", 5));

        assertThat(messages(logs.tail("orders", 10))).as("the damaged line is skipped, the rest kept")
                .isEqualTo(lines(0, 6));
    }

    @Test
    void deleteRemovesBothFiles() throws IOException {
        logs.close();
        logs = LogStores.onDisk(dataDir, 1024, InstantSource.system());
        for (int i = 0; i < 100; i++) {
            logs.append(line("orders", i));
        }
        logs.append(line("other", 0));

        logs.delete("orders");

        assertThat(dataDir.resolve("logs/orders.log")).doesNotExist();
        assertThat(dataDir.resolve("logs/orders.log.1")).doesNotExist();
        assertThat(logs.tail("orders", 10)).isEmpty();
        assertThat(logs.tail("other", 10)).hasSize(1);
        logs.append(line("orders", 1));
        assertThat(messages(logs.tail("orders", 10))).containsExactly("line 1");
    }

    @Test
    void refusesABoundBelow1KiB() {
        assertThatThrownBy(() -> LogStores.onDisk(dataDir, 1000, InstantSource.system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytesPerFunction must be between 1024 and 1099511627776, was 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/b", "", "a.b", "with space", "x\n"})
    void refusesAnythingButAFunctionName(String name) {
        assertThatThrownBy(() -> logs.append(line(name, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.tail(name, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.follow(name, r -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.delete(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAppendsKeepEveryLineWhole() throws Exception {
        int threads = 8;
        int perThread = 500;
        var start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        logs.append(new LogRecord(T0, "busy", 1, "t" + thread, Integer.toString(i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }

        List<LogRecord> all = logs.tail("busy", threads * perThread + 1);
        assertThat(all).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String id = "t" + t;
            assertThat(all.stream().filter(r -> r.requestId().equals(id)).map(LogRecord::message))
                    .as("each thread's lines in the order it wrote them")
                    .containsExactlyElementsOf(IntStream.range(0, perThread).mapToObj(Integer::toString).toList());
        }
        String text = Files.readString(dataDir.resolve("logs/busy.log"), StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(threads * perThread).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    }
}
