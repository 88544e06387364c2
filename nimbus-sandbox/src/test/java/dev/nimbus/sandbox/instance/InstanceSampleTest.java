package dev.nimbus.sandbox.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.logs.FunctionLogs;
import dev.nimbus.core.logs.LogRecord;
import dev.nimbus.sandbox.launch.LaunchSpec;
import dev.nimbus.sandbox.launch.Spawner;
import dev.nimbus.sandbox.resource.ResourceSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling a real instance process: a shell busy loop that never calls the Runtime API. The one
 * test here that needs real elapsed CPU time, so it waits (bounded) for the counter to move.
 */
class InstanceSampleTest {
    private static final FunctionRevision REVISION = new FunctionRevision("fn", 1,
            new FunctionConfig(Runtime.PROVIDED, "busy", 128, 3, Map.of(), "", 1, "", "", PayloadFormat.V2, null, false),
            "0".repeat(64), 1, Instant.EPOCH, "rev-1", FunctionRevision.LATEST);

    private static final FunctionLogs NO_LOGS = new FunctionLogs() {
        @Override
        public void append(LogRecord record) {
        }

        @Override
        public List<LogRecord> tail(String function, int limit) {
            return List.of();
        }

        @Override
        public AutoCloseable follow(String function, Consumer<LogRecord> listener) {
            return () -> { };
        }

        @Override
        public void delete(String function) {
        }
    };

    @TempDir
    Path workDir;

    @Test
    void aBusyInstanceReadsGrowingCpuTimeAndResidentMemoryThenZeroOnceStopped() throws Exception {
        var clock = InstantSource.system();
        try (var spawner = Spawner.detect()) {
            Instance instance = ProcessInstance.start(REVISION,
                    address -> new LaunchSpec(List.of("/bin/sh", "-c", "while :; do :; done"), workDir, Map.of(), 128, List.of(workDir), true, Map.of(), false),
                    spawner, NO_LOGS, clock, false);
            try {
                ResourceSample first = instance.sample(clock);
                ResourceSample later = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> instance.sample(clock), s -> s.cpuNanos() > first.cpuNanos());

                assertThat(later.cpuNanos()).as("CPU time grows while the loop runs").isGreaterThan(first.cpuNanos());
                assertThat(later.rssBytes()).isPositive();
                assertThat(later.time()).isAfter(first.time());
            } finally {
                instance.kill(InstanceState.STOPPED);
            }
            assertThat(instance.sample(clock)).extracting(ResourceSample::cpuNanos, ResourceSample::rssBytes)
                    .containsExactly(0L, 0L);
        }
    }
}
