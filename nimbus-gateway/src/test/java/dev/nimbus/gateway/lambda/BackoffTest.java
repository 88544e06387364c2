package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0}, random {1}: {2} ms")
    @CsvSource({
        "0, 0.0, 0",
        "0, 0.5, 500",
        "0, 0.999, 999",
        "1, 0.5, 1000",
        "3, 0.25, 2000",
        "3, 0.999, 7992",
        "8, 0.5, 128000",
        "9, 0.5, 150000",
        "9, 0.999, 299700",
        "40, 0.5, 150000",
        "2147483647, 0.999, 299700",
    })
    void fullJitterUnderADoublingCeilingCappedAtFiveMinutes(int attempt, double random, long millis) {
        assertThat(new Backoff(() -> random).next(attempt)).isEqualTo(Duration.ofMillis(millis));
    }
}
