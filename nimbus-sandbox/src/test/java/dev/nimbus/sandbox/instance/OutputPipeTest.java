package dev.nimbus.sandbox.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A real OS pipe; the test plays the process by writing into the end a process would get. */
class OutputPipeTest {

    @Test
    void aFenceReturnsOnceEverythingWrittenBeforeItIsALine() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        try (var pipe = OutputPipe.open(); var process = new FileOutputStream(pipe.childEnd())) {
            pipe.childStarted();
            pipe.pump("test-pump", lines::add);
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
        pipe.childStarted();
        pipe.pump("test-pump", lines::add);
        process.write("last words".getBytes(StandardCharsets.UTF_8));
        process.close();
        pipe.close();

        assertThat(pipe.fence(Duration.ofSeconds(5))).isTrue();

        assertThat(lines).containsExactly("last words");
    }

    @Test
    void aFenceGivesUpAfterItsBoundWhileAnotherWriterHoldsThePipeAndNothingReads() throws Exception {
        try (var pipe = OutputPipe.open()) {
            pipe.childStarted();
            // no pump: nobody reads, so the marker is never reached
            assertThat(pipe.fence(Duration.ofMillis(50))).isFalse();
            pipe.discard();
        }
    }
}
