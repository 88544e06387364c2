package dev.nimbus.events.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
    static final Instant EARLY_IN_MONTH = Instant.parse("2026-11-06T09:05:03.456Z");

    @Test
    void lastModifiedIsAnImfFixdateWithATwoDigitDay() {
        assertThat(HttpDates.format(EARLY_IN_MONTH)).isEqualTo("Fri, 06 Nov 2026 09:05:03 GMT");
    }

    @Test
    void conditionalDatesParseAndAnythingElseIsNoDate() {
        assertThat(HttpDates.parse("Fri, 06 Nov 2026 09:05:03 GMT")).isEqualTo(Instant.parse("2026-11-06T09:05:03Z"));
        assertThat(HttpDates.parse(" Fri, 6 Nov 2026 09:05:03 GMT")).isEqualTo(Instant.parse("2026-11-06T09:05:03Z"));
        assertThat(HttpDates.parse("2026-11-06T09:05:03Z")).isNull();
        assertThat(HttpDates.parse("Mon, 06 Nov 2026 09:05:03 GMT")).as("not that day of the week").isNull();
    }
}
