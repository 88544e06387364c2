package dev.nimbus.core.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SequencerTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void valuesFollowTheClockAndStillGrowWhenItStandsOrGoesBack() {
        Sequencer sequencer = Sequencer.after(null);

        assertThat(sequencer.next(T0)).isEqualTo("001A2174C3500000");
        assertThat(sequencer.next(T0)).isEqualTo("001A2174C3500001");
        assertThat(sequencer.next(T0.minusSeconds(3600))).isEqualTo("001A2174C3500002");
        assertThat(sequencer.next(T0.plusMillis(1))).isEqualTo("001A2174C3501000");
    }

    @Test
    void aSequencerStartedAfterTheGreatestStoredOneGoesOnFromIt() {
        Sequencer restarted = Sequencer.after("001A2174C3500005");

        assertThat(restarted.next(T0.minusSeconds(3600))).isEqualTo("001A2174C3500006");
    }
}
