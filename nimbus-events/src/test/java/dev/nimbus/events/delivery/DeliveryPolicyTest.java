package dev.nimbus.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private final DeliveryPolicy policy = new DeliveryPolicy(2, Duration.ofHours(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    @Test
    void delaysDoubleFromTheBaseWithEqualJitterUpToTheCap() {
        assertThat(policy.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(1, 0.999)).isBetween(Duration.ofMillis(9_990), Duration.ofSeconds(10));
        assertThat(policy.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(9, 0.0)).as("capped at 60 s").isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(Integer.MAX_VALUE, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void valuesOutsideTheirRangesAreRefusedNamingThem() {
        assertThatThrownBy(() -> new DeliveryPolicy(3, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new DeliveryPolicy(2, Duration.ofHours(7), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .hasMessageContaining("maxAge");
        assertThatThrownBy(() -> new DeliveryPolicy(2, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .hasMessageContaining("retryCap");
    }
}
