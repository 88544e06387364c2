package dev.nimbus.sandbox.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutputPumpTest {

    List<String> pump(byte[] input) throws InterruptedException {
        var lines = new CopyOnWriteArrayList<String>();
        var done = new CountDownLatch(1);
        OutputPump.start("test", new ByteArrayInputStream(input), new OutputPump(lines::add, MARK, () -> { }),
                done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        return lines;
    }

    @Test
    void splitsLinesAndKeepsAnUnterminatedLastOne() throws InterruptedException {
        assertThat(pump("a\r\nb\n\nlast".getBytes(StandardCharsets.UTF_8))).containsExactly("a", "b", "", "last");
    }

    @Test
    void cutsOverlongLinesSoAFunctionCannotExhaustMemory() throws InterruptedException {
        byte[] input = "x".repeat(OutputPump.MAX_LINE * 2 + 5).getBytes(StandardCharsets.UTF_8);
        var lines = pump(input);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).hasSize(OutputPump.MAX_LINE);
        assertThat(lines.get(2)).hasSize(5);
    }

    static final byte[] MARK = "\0mark".getBytes(StandardCharsets.US_ASCII);

    /** Feeds {@code chunks} to a pump watching for {@link #MARK}; markers show up as "|" in the result. */
    static List<String> feed(String... chunks) {
        var out = new java.util.ArrayList<String>();
        var pump = new OutputPump(out::add, MARK, () -> out.add("|"));
        for (String c : chunks) {
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            pump.accept(b, b.length);
        }
        pump.finish();
        return out;
    }

    @Test
    void aConsumerThatThrowsLosesThatLineOnlyAndTheStreamStillEnds() throws InterruptedException {
        var lines = new CopyOnWriteArrayList<String>();
        var done = new CountDownLatch(1);
        Consumer<String> failingOnB = line -> {
            if (line.startsWith("b")) {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }
            lines.add(line);
        };
        OutputPump.start("test", new ByteArrayInputStream("a\nb\nc\nb at the end".getBytes(StandardCharsets.UTF_8)),
                new OutputPump(failingOnB, MARK, () -> { }), done::countDown);

        assertThat(done.await(5, TimeUnit.SECONDS)).as("the end of the stream is reported").isTrue();
        assertThat(lines).containsExactly("a", "c");
    }

    @Test
    void aMarkerIsNotOutputAndEndsAnUnterminatedLine() {
        assertThat(feed("a\nb\0mark", "c\n")).containsExactly("a", "b", "|", "c").doesNotContain("\0mark");
        assertThat(feed("a\n\0mark")).containsExactly("a", "|");
    }

    @Test
    void aMarkerSplitAcrossReadsIsStillOne() {
        assertThat(feed("x\n\0ma", "rk", "y\n")).containsExactly("x", "|", "y");
    }

    @Test
    void somethingThatOnlyStartsLikeAMarkerIsOutput() {
        assertThat(feed("\0ma\0mark\n")).containsExactly("\\x00ma", "|", "");
        assertThat(feed("\0mar")).containsExactly("\\x00mar");
        assertThat(feed("\0mx\n")).containsExactly("\\x00mx");
    }

    @Test
    void controlCharactersAndBidiOverridesAreShownEscaped() throws InterruptedException {
        String printed = "\u001b[31mred\u001b[0m\rSTART RequestId: fake\ttab\u0007\u007f\u0085 \u202eevil\u2028x é\r\n";
        assertThat(pump(printed.getBytes(StandardCharsets.UTF_8))).containsExactly(
                "\\x1b[31mred\\x1b[0m\\x0dSTART RequestId: fake\ttab\\x07\\x7f\\x85 \\u202eevil\\u2028x é");
        String plain = "nothing to escape: tab\t, é, 日本";
        assertThat(OutputPump.printable(plain)).isSameAs(plain);
    }

    /**
     * A pump blocks in a native pipe read, which pins a virtual thread to its carrier: pumps on
     * virtual threads starved every other virtual thread once the JDK retired its spare carrier.
     * A JVM with one carrier and no spare shows it at once instead of after 30 s idle.
     */
    @Test
    void pumpsOfSilentProcessesLeaveVirtualThreadsRunning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1", "-cp", System.getProperty("java.class.path"),
                StarvationProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as("virtual thread starved by the pumps; output: " + output).isZero();
    }

    @Test
    void exitReasonsUseLambdasWording() {
        assertThat(ProcessInstance.exitReason(0)).isEqualTo("Runtime exited without providing a reason");
        assertThat(ProcessInstance.exitReason(3)).isEqualTo("Runtime exited with error: exit status 3");
        assertThat(ProcessInstance.exitReason(137)).isEqualTo("Runtime exited with error: signal: killed");
    }
}
