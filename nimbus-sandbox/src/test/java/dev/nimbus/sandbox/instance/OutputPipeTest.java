package dev.nimbus.sandbox.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real OS pipe; the test plays the process by writing into the end a process would get. Tests
 * that would hang on a blocked pipe without the code they cover carry a {@link Timeout}.
 */
class OutputPipeTest {

    @Test
    void aFenceReturnsOnceEverythingWrittenBeforeItIsALine() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            pipe.pump("test-pump", lines::add, ticket -> { });
            for (int i = 0; i < 200; i++) {
                process.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            process.write("no newline yet".getBytes(StandardCharsets.UTF_8));

            assertThat(pipe.fence(Duration.ofSeconds(5))).isTrue();

            assertThat(lines).hasSize(201).startsWith("line 0").endsWith("line 199", "no newline yet");
            assertThat(String.join("", lines)).doesNotContain("nimbus-fence");
        }
    }

    @Test
    void afterCloseAFenceWaitsForTheEndOfTheStream() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var pipe = OutputPipe.open();
        var process = new FileOutputStream(pipe.childEnd());
        pipe.pump("test-pump", lines::add, ticket -> { });
        process.write("last words".getBytes(StandardCharsets.UTF_8));
        process.close();
        pipe.close();

        assertThat(pipe.fence(Duration.ofSeconds(5))).isTrue();

        assertThat(lines).containsExactly("last words");
    }

    @Test
    void aFenceGivesUpAfterItsBoundWhenNothingReads() throws Exception {
        try (var pipe = OutputPipe.open()) {
            // no pump: nobody reads, so the marker is never reached
            assertThat(pipe.fence(Duration.ofMillis(50))).isFalse();
            pipe.discard();
        }
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFenceIntoAFullPipeNobodyReadsGivesUpAndLetsThePipeClose() throws Exception {
        var pipe = OutputPipe.open();
        // no pump; 2,000 markers of 46 bytes are more than the 64 KiB a pipe holds
        for (int i = 0; i < 2_000; i++) {
            assertThat(pipe.fence(Duration.ZERO)).isFalse();
        }

        assertThat(pipe.fence(Duration.ofMillis(20))).isFalse();
        pipe.discard();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConsumerThatThrowsDoesNotStopTheReading() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            pipe.pump("test-pump", line -> {
                if (line.startsWith("full")) {
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }
                lines.add(line);
            }, ticket -> { });
            byte[] full = ("full " + "x".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                process.write(full); // 200 KB: more than the pipe holds, so only a pump still reading lets it through
            }
            process.write("written after\n".getBytes(StandardCharsets.UTF_8));

            assertThat(pipe.fence(Duration.ofSeconds(5))).isTrue();

            assertThat(lines).containsExactly("written after");
        }
    }

    /**
     * Only Nimbus's write end is non-blocking: the process's end (opened through {@code /dev/fd} as
     * {@link ProcessBuilder.Redirect#to} does) and the pump's read end are open file descriptions of
     * their own, with their own flags. A non-blocking process end would lose output with EAGAIN.
     */
    @Test
    void onlyNimbussOwnWriteEndIsNonBlocking() throws Exception {
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            Path nimbusEnd = Path.of("/proc/self/fd", pipe.childEnd().getName());
            String thePipe = Files.readSymbolicLink(nimbusEnd).toString();
            var blocking = new ArrayList<String>();
            var nonBlocking = new ArrayList<String>();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path fd : fds.toList()) {
                    if (!isLink(fd, thePipe)) {
                        continue;
                    }
                    int flags = flags(fd.getFileName().toString());
                    String end = ((flags & 3) == 0 ? "read " : "write ") + fd.getFileName();
                    ((flags & 0x800) != 0 ? nonBlocking : blocking).add(end);
                }
            }

            assertThat(nonBlocking).containsExactly("write " + nimbusEnd.getFileName());
            assertThat(blocking).hasSize(2).anyMatch(e -> e.startsWith("read ")).anyMatch(e -> e.startsWith("write "));
        }
    }

    private static boolean isLink(Path fd, String target) {
        try {
            return Files.readSymbolicLink(fd).toString().equals(target);
        } catch (IOException gone) {
            return false; // e.g. the directory stream's own descriptor
        }
    }

    private static int flags(String fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
            }
        }
        throw new IOException("no flags for fd " + fd);
    }
}
