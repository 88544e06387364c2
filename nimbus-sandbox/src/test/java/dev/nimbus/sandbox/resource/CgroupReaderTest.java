package dev.nimbus.sandbox.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a cgroup v2 directory faked in a temporary directory. */
class CgroupReaderTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final InstantSource CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void readsUsageUsecAndMemoryCurrent() throws IOException {
        Files.writeString(dir.resolve("cpu.stat"), """
                usage_usec 2500123
                user_usec 2000000
                system_usec 500123
                nr_periods 0
                nr_throttled 0
                throttled_usec 0
                """);
        Files.writeString(dir.resolve("memory.current"), "52428800\n");

        assertThat(ResourceReader.ofCgroup(dir).read(CLOCK))
                .isEqualTo(new ResourceSample(T0, 2_500_123_000L, 52_428_800L));
    }

    @Test
    void aRemovedCgroupReadsAsZero() {
        assertThat(ResourceReader.ofCgroup(dir.resolve("instance-gone")).read(CLOCK))
                .isEqualTo(new ResourceSample(T0, 0, 0));
    }

    @Test
    void aCgroupWithoutTheMemoryControllerFailsWithTheReason() throws IOException {
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1\n");

        assertThatThrownBy(() -> ResourceReader.ofCgroup(dir).read(CLOCK)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("memory.current").hasMessageContaining("memory controller");
    }
}
