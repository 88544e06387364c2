package dev.nimbus.sandbox.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a process tree from a fake /proc in a temporary directory. */
class ProcessTreeReaderTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final InstantSource CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path proc;

    /** A stat line as the kernel writes it, with utime, stime, cutime and cstime in ticks. */
    private void process(long pid, String comm, long utime, long stime, long cutime, long cstime, String status)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194304 120 0 0 0 "
                + utime + " " + stime + " " + cutime + " " + cstime + " 20 0 1 0 98765 12345678 900 18446744073709551615\n");
        if (status != null) {
            Files.writeString(dir.resolve("status"), status);
        }
    }

    private static String status(long rssKb) {
        return "Name:\tpython3\nState:\tS (sleeping)\nVmPeak:\t  90000 kB\nVmHWM:\t   " + (rssKb + 100)
                + " kB\nVmRSS:\t   " + rssKb + " kB\nThreads:\t1\n";
    }

    private ResourceSample read(Long... pids) {
        return ResourceReader.ofProcesses(proc, () -> List.of(pids)).read(CLOCK);
    }

    @Test
    void sumsCpuTimeIncludingWaitedForChildrenAndResidentMemoryOverTheTree() throws IOException {
        process(10, "bwrap", 1, 2, 0, 0, status(1_000));
        process(11, "python3", 150, 50, 30, 20, status(20_000));

        ResourceSample sample = read(10L, 11L);

        // (1 + 2) + (150 + 50 + 30 + 20) = 253 ticks of 10 ms
        assertThat(sample).isEqualTo(new ResourceSample(T0, 2_530_000_000L, 21_000L * 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "my worker", "a) b", ") 9 9 9 9 9 9 9 9 9 9 9 9 9 9 (", "(sd-pam)"})
    void aCommandNameWithSpacesOrParenthesesDoesNotShiftTheFields(String comm) throws IOException {
        process(7, comm, 100, 20, 3, 4000, status(4));

        assertThat(read(7L).cpuNanos()).isEqualTo(41_230_000_000L);
    }

    @Test
    void processesThatEndedBeforeOrWhileBeingReadAreLeftOut() throws IOException {
        process(20, "runtime", 10, 0, 0, 0, status(512));
        process(21, "ended-between-stat-and-status", 5, 0, 0, 0, null);
        process(22, "zombie", 1, 0, 0, 0, "Name:\tzombie\nState:\tZ (zombie)\n");

        ResourceSample sample = read(20L, 21L, 22L, 23L);

        assertThat(sample.cpuNanos()).as("23 has no /proc entry at all").isEqualTo(160_000_000L);
        assertThat(sample.rssBytes()).isEqualTo(512L * 1024);
    }

    @Test
    void noProcessesReadAsZero() {
        assertThat(read()).isEqualTo(new ResourceSample(T0, 0, 0));
    }

    @Test
    void theListOfProcessesIsAskedForOnEachRead() throws IOException {
        process(30, "a", 1, 0, 0, 0, status(1));
        process(31, "b", 2, 0, 0, 0, status(2));
        var pids = new ArrayList<Long>(List.of(30L));
        ResourceReader reader = ResourceReader.ofProcesses(proc, () -> List.copyOf(pids));
        assertThat(reader.read(CLOCK).cpuNanos()).isEqualTo(10_000_000L);

        pids.add(31L);

        assertThat(reader.read(CLOCK).cpuNanos()).isEqualTo(30_000_000L);
    }

    @Test
    void aStatLineOfAnUnknownFormatFailsNamingTheFile() throws IOException {
        Files.createDirectories(proc.resolve("40"));
        Files.writeString(proc.resolve("40/stat"), "40 (short) S 1 2 3\n");

        assertThatThrownBy(() -> read(40L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(proc.resolve("40/stat").toString());
    }
}
