package dev.nimbus.sandbox.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import dev.nimbus.core.invoke.InvocationLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A real OS pipe; the test plays the process and holds the pump back to leave output unread. */
class OutputRoutingTest {
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private final List<String> tail = new CopyOnWriteArrayList<>();

    @Test
    void outputOfThePreviousInvocationStillInThePipeNeverReachesTheNextCallersTail() throws Exception {
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            var routing = new OutputRouting(pipe, Duration.ofSeconds(30), 1 << 20, (id, line) -> stored.add(id + ": " + line));
            routing.switchTo(routing.prepare("A", null));
            write(process, "from A\n"); // no pump yet: it stays in the pipe

            Thread b = Thread.ofPlatform().start(() -> routing.switchTo(routing.prepare("B", tail::add)));
            awaitWaitingOrDone(b); // B fences (and waits for the pump) or has already switched
            routing.pump("test-pump");
            b.join();
            write(process, "from B\n");
            assertThat(routing.drain()).isTrue();
            routing.log("B", "END RequestId: B");

            assertThat(tail).containsExactly("from B", "END RequestId: B");
            assertThat(stored).containsExactly("A: from A", "B: from B", "B: END RequestId: B");
        }
    }

    @Test
    void whenThePipeCannotBeReadInTimeTheCallerSeesNoneOfTheOutput() throws Exception {
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            var routing = new OutputRouting(pipe, Duration.ZERO, 1 << 20, (id, line) -> stored.add(id + ": " + line));
            routing.switchTo(routing.prepare("A", null));
            write(process, "from A\n");

            routing.switchTo(routing.prepare("B", tail::add)); // no pump: the fence fails
            routing.log("B", "START RequestId: B");
            routing.pump("test-pump");
            write(process, "from B\n");
            process.close();
            pipe.close();
            assertThat(pipe.fence(Duration.ofSeconds(30))).as("the end of the stream").isTrue();

            assertThat(tail).containsExactly("START RequestId: B");
            assertThat(stored).contains("B: from B");
        }
    }

    @Test
    void aCallerSeesNoLinesAfterItsInvocationEnded() throws Exception {
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            var routing = new OutputRouting(pipe, Duration.ofSeconds(30), 1 << 20, (id, line) -> stored.add(id + ": " + line));
            routing.pump("test-pump");
            routing.switchTo(routing.prepare("A", tail::add));
            write(process, "during A\n");
            assertThat(routing.drain()).isTrue();
            routing.end();

            write(process, "after A\n");
            assertThat(routing.drain()).isTrue();
            routing.log("A", "late");

            assertThat(tail).containsExactly("during A");
            assertThat(stored).containsExactly("A: during A", "A: after A", "A: late");
        }
    }

    @Test
    void aRecordThatDoesNotWaitSwitchesAtTheMarkerAndHearsItsStartWhileThePumpIsBehind() throws Exception {
        var record = new CopyOnWriteArrayList<String>();
        InvocationLog recorder = new InvocationLog() {
            @Override
            public void line(String line) {
                record.add(line);
            }

            @Override
            public boolean waitsForOutput() {
                return false;
            }
        };
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            var routing = new OutputRouting(pipe, Duration.ZERO, 1 << 20, (id, line) -> stored.add(id + ": " + line));
            routing.switchTo(routing.prepare("A", null));
            write(process, "from A\n"); // no pump yet: it stays in the pipe

            routing.switchTo(routing.prepare("B", recorder)); // no fence, however long the pipe waits
            routing.log("B", "START RequestId: B"); // before the pump reached B's marker
            routing.pump("test-pump");
            write(process, "from B\n");
            assertThat(pipe.fence(Duration.ofSeconds(30))).isTrue();

            assertThat(record).containsExactly("START RequestId: B", "from B");
            assertThat(stored).containsExactly("B: START RequestId: B", "A: from A", "B: from B");
        }
    }

    @Test
    void withoutACallerOutputStillInThePipeStaysWithTheInvocationThatWroteIt() throws Exception {
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            var routing = new OutputRouting(pipe, Duration.ofSeconds(30), 1 << 20, (id, line) -> stored.add(id + ": " + line));
            routing.switchTo(routing.prepare("A", null));
            write(process, "from A\nEND RequestId: A\nSTART RequestId: B\n"); // no pump yet: it stays in the pipe
            routing.switchTo(routing.prepare("B", null));
            write(process, "from B\n");

            routing.pump("test-pump");
            assertThat(routing.drain()).isTrue();

            assertThat(stored).containsExactly("A: from A", "A: END RequestId: A", "A: START RequestId: B", "B: from B");
        }
    }

    @Test
    void outputBeyondTheLimitIsDroppedAfterOneLineSayingSoAndTheNextInvocationStartsAfresh() throws Exception {
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            var routing = new OutputRouting(pipe, Duration.ofSeconds(30), 100, (id, line) -> stored.add(id + ": " + line));
            routing.pump("test-pump");
            routing.switchTo(routing.prepare("A", tail::add));
            String line = "x".repeat(39); // 40 bytes with its line break
            write(process, (line + "\n").repeat(1000));
            assertThat(routing.drain()).isTrue();
            routing.end();
            routing.switchTo(routing.prepare("B", null));
            write(process, "é\n"); // 3 bytes
            assertThat(routing.drain()).isTrue();

            assertThat(tail).containsExactly(line, line, "[nimbus: output truncated after 100 bytes]");
            assertThat(stored).containsExactly("A: " + line, "A: " + line, "A: [nimbus: output truncated after 100 bytes]",
                    "B: é");
        }
    }

    private static void write(FileOutputStream process, String s) throws Exception {
        process.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Until {@code t} waits (in its fence) or has finished; no other place in it waits. */
    private static void awaitWaitingOrDone(Thread t) {
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
    }
}
