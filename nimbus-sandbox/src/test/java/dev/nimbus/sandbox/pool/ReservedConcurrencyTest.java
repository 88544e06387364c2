package dev.nimbus.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservedConcurrencyTest {

    @Test
    void aNewCounterAdmitsUpToItsLimitAtOnce() {
        var running = new ReservedConcurrency(2);

        assertThat(running.tryAcquire()).isTrue();
        assertThat(running.tryAcquire()).isTrue();
        assertThat(running.tryAcquire()).isFalse();
        running.release();
        assertThat(running.tryAcquire()).isTrue();
    }

    @Test
    void aLoweredLimitRefusesUntilEnoughHaveFinished() {
        var running = new ReservedConcurrency(ReservedConcurrency.UNLIMITED);
        for (int i = 0; i < 3; i++) {
            assertThat(running.tryAcquire()).isTrue();
        }

        running.resize(2);

        assertThat(running.tryAcquire()).isFalse();
        running.release();
        assertThat(running.tryAcquire()).as("still 2 running").isFalse();
        running.release();
        assertThat(running.tryAcquire()).isTrue();
    }
}
