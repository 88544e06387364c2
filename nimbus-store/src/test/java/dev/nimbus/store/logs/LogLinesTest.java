package dev.nimbus.store.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.logs.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void aRecordIsOneLineAndRoundTrips() {
        var record = new LogRecord(T, "orders", 3, "req-1", "multi\nline \"quoted\" \u001b[31mred\u001b[0m ✓");

        byte[] line = LogLines.encode(LogLines.normalize(record));

        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\u001b");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(LogLines.decode(java.util.Arrays.copyOf(line, line.length - 1))).contains(record);
    }

    @Test
    void nullRequestIdAndMessageBecomeEmpty() {
        LogRecord normal = LogLines.normalize(new LogRecord(T, "orders", 1, null, null));
        byte[] line = LogLines.encode(normal);

        assertThat(normal).isEqualTo(new LogRecord(T, "orders", 1, "", ""));

        assertThat(LogLines.decode(java.util.Arrays.copyOf(line, line.length - 1)))
                .contains(new LogRecord(T, "orders", 1, "", ""));
    }

    @Test
    void cutsHugeMessages() {
        String huge = "x".repeat(LogLines.MAX_MESSAGE_CHARS + 10);
        byte[] line = LogLines.encode(LogLines.normalize(new LogRecord(T, "orders", 1, "", huge)));

        LogRecord back = LogLines.decode(java.util.Arrays.copyOf(line, line.length - 1)).orElseThrow();
        assertThat(back.message()).hasSize(LogLines.MAX_MESSAGE_CHARS + LogLines.TRUNCATED.length())
                .endsWith(LogLines.TRUNCATED);
    }

    @Test
    void damagedLinesDecodeToNothing() {
        assertThat(LogLines.decode("{\"time\":\"2026".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LogLines.decode("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
