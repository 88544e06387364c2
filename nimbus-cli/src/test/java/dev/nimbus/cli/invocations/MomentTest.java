package dev.nimbus.cli.invocations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MomentTest {
    private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

    @Test
    void agesCountBackFromNowAndInstantsAreTakenAsTheyAre() {
        record Row(String text, Optional<Instant> expected) {
        }
        var rows = java.util.List.of(
                new Row("90s", Optional.of(Instant.parse("2025-05-01T11:58:30Z"))),
                new Row("15m", Optional.of(Instant.parse("2025-05-01T11:45:00Z"))),
                new Row("1h", Optional.of(Instant.parse("2025-05-01T11:00:00Z"))),
                new Row(" 7d ", Optional.of(Instant.parse("2025-04-24T12:00:00Z"))),
                new Row("0s", Optional.of(NOW)),
                new Row("2025-04-30T08:15:00.5Z", Optional.of(Instant.parse("2025-04-30T08:15:00.5Z"))),
                new Row("1w", Optional.empty()),
                new Row("-1h", Optional.empty()),
                new Row("h", Optional.empty()),
                new Row("2025-04-30", Optional.empty()),
                new Row("yesterday", Optional.empty()));
        for (Row row : rows) {
            assertThat(Moment.parse(row.text(), NOW)).as(row.text()).isEqualTo(row.expected());
        }
    }
}
