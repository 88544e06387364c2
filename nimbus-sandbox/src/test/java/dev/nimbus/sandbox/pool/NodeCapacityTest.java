package dev.nimbus.sandbox.pool;

import static dev.nimbus.sandbox.pool.NodeCapacity.NO_MAXIMUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nimbus.sandbox.pool.NodeCapacity.Take;
import org.junit.jupiter.api.Test;

/** The node's and each group's instance counts. */
class NodeCapacityTest {

    @Test
    void aFullGroupIsToldBeforeAFullNode() {
        var capacity = new NodeCapacity(2, 1 << 20);

        assertThat(capacity.tryTake("team-a", 1, 128)).isEqualTo(Take.TAKEN);
        assertThat(capacity.tryTake("team-a", 1, 128)).isEqualTo(Take.GROUP_FULL);
        assertThat(capacity.tryTake("team-b", NO_MAXIMUM, 128)).isEqualTo(Take.TAKEN);
        assertThat(capacity.tryTake("team-b", NO_MAXIMUM, 128)).isEqualTo(Take.NODE_FULL);
        assertThat(capacity.tryTake("team-a", 1, 128)).as("evicting in the group frees the node too")
                .isEqualTo(Take.GROUP_FULL);
    }

    @Test
    void declaredMemoryFillsTheNodeToo() {
        var capacity = new NodeCapacity(10, 256);

        assertThat(capacity.tryTake("team-a", NO_MAXIMUM, 200)).isEqualTo(Take.TAKEN);
        assertThat(capacity.tryTake("team-b", NO_MAXIMUM, 128)).isEqualTo(Take.NODE_FULL);
        assertThat(capacity.instances("team-b")).as("a refused take counts nothing").isZero();
    }

    @Test
    void roomGivenBackCanBeTakenAgain() {
        var capacity = new NodeCapacity(1, 1 << 20);
        assertThat(capacity.tryTake("team-a", 1, 128)).isEqualTo(Take.TAKEN);

        capacity.give("team-a", 128);

        assertThat(capacity.instances("team-a")).isZero();
        assertThat(capacity.tryTake("team-b", 1, 128)).as("the node's room came back").isEqualTo(Take.TAKEN);
        capacity.give("team-b", 128);
        assertThat(capacity.tryTake("team-a", 1, 128)).as("the group's room came back").isEqualTo(Take.TAKEN);
    }

    @Test
    void aMaximumLoweredBelowTheCountRefusesUntilEnoughHaveEnded() {
        var capacity = new NodeCapacity(10, 1 << 20);
        for (int i = 0; i < 3; i++) {
            assertThat(capacity.tryTake("team-a", NO_MAXIMUM, 128)).isEqualTo(Take.TAKEN);
        }

        assertThat(capacity.tryTake("team-a", 2, 128)).isEqualTo(Take.GROUP_FULL);
        capacity.give("team-a", 128);
        assertThat(capacity.tryTake("team-a", 2, 128)).as("still 2 running").isEqualTo(Take.GROUP_FULL);
        capacity.give("team-a", 128);
        assertThat(capacity.tryTake("team-a", 2, 128)).isEqualTo(Take.TAKEN);
    }

    @Test
    void aMaximumOfZeroRefusesEveryStart() {
        assertThat(new NodeCapacity(10, 1 << 20).tryTake("team-a", 0, 128)).isEqualTo(Take.GROUP_FULL);
    }

    @Test
    void givingBackRoomNeverTakenFails() {
        var capacity = new NodeCapacity(10, 1 << 20);
        assertThat(capacity.tryTake("team-a", NO_MAXIMUM, 128)).isEqualTo(Take.TAKEN);

        assertThatThrownBy(() -> capacity.give("team-b", 128)).isInstanceOf(IllegalStateException.class);
        capacity.give("team-a", 128);
        assertThatThrownBy(() -> capacity.give("team-a", 128)).isInstanceOf(IllegalStateException.class);
    }
}
