package dev.nimbus.sandbox.instance;

import static dev.nimbus.sandbox.instance.InstanceState.BUSY;
import static dev.nimbus.sandbox.instance.InstanceState.DRAINING;
import static dev.nimbus.sandbox.instance.InstanceState.FAILED;
import static dev.nimbus.sandbox.instance.InstanceState.IDLE;
import static dev.nimbus.sandbox.instance.InstanceState.STARTING;
import static dev.nimbus.sandbox.instance.InstanceState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceStateTest {
    /** The documented transition table; every pair not listed must be illegal. */
    static final Map<InstanceState, Set<InstanceState>> LEGAL = Map.of(
            STARTING, Set.of(BUSY, IDLE, FAILED, STOPPED),
            IDLE, Set.of(BUSY, DRAINING, STOPPED, FAILED),
            BUSY, Set.of(IDLE, DRAINING, FAILED, STOPPED),
            DRAINING, Set.of(STOPPED, FAILED),
            STOPPED, Set.of(),
            FAILED, Set.of());

    @Test
    void everyPairFollowsTheTable() {
        for (InstanceState from : InstanceState.values()) {
            for (InstanceState to : InstanceState.values()) {
                boolean legal = LEGAL.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " → " + to).isEqualTo(legal);
                if (legal) {
                    assertThat(from.moveTo(to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(from + " → " + to);
                }
            }
        }
    }

    @Test
    void onlyStoppedAndFailedAreTerminal() {
        assertThat(Set.of(InstanceState.values()).stream().filter(InstanceState::isTerminal)).containsOnly(STOPPED, FAILED);
    }
}
