package dev.nimbus.controlplane.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.ProvisionedConcurrency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvisionedFloorsTest {

    @ParameterizedTest(name = "{0} on an alias sending {1} to version 2 → version 1: {2}, version 2: {3}")
    @CsvSource({
            "5, 0.3, 4, 1",   // 5 × 0.7 = 3.5 rounds up
            "5, 0.5, 3, 2",   // 2.5 rounds up
            "1, 0.4, 1, 0",   // 0.6 rounds to the primary; version 2 gets no floor
            "1, 0.6, 0, 1",
            "10, 0.0, 10, 0",
            "10, 1.0, 0, 10",
    })
    void anAliasSplitsByWeight(int count, double weight, int primary, int additional) {
        var alias = new Alias("f", "live", "1", "", "2", weight, "r", Instant.EPOCH);
        var state = new FunctionState(null, List.of(), List.of(alias), null, List.of(),
                List.of(new ProvisionedConcurrency("f", "live", count, Instant.EPOCH)), null);

        Map<String, Integer> expected = new java.util.TreeMap<>();
        if (primary > 0) {
            expected.put("1", primary);
        }
        if (additional > 0) {
            expected.put("2", additional);
        }
        assertThat(ProvisionedFloors.of(state)).isEqualTo(expected);
    }
}
