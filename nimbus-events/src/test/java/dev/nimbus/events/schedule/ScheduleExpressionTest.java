package dev.nimbus.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:30Z");

    @Test
    void aRateTicksEveryPeriodFromTheSchedulesCreation() {
        var every5 = ScheduleExpression.parse("rate(5 minutes)", "UTC", T0);

        assertThat(every5.nextAfter(T0)).isEqualTo(T0.plusSeconds(300));
        assertThat(every5.nextAfter(T0.plusSeconds(299))).isEqualTo(T0.plusSeconds(300));
        assertThat(every5.nextAfter(T0.plusSeconds(300))).isEqualTo(T0.plusSeconds(600));
        assertThat(ScheduleExpression.parse("rate(1 day)", null, T0).nextAfter(T0)).isEqualTo(T0.plusSeconds(86_400));
    }

    @Test
    void aCronExpressionIsReadInItsTimeZone() {
        var noonInParis = ScheduleExpression.parse("cron(0 12 * * ? *)", "Europe/Paris", T0);
        var noonUtc = ScheduleExpression.parse("cron(0 12 * * ? *)", "UTC", T0);
        var weekdays = ScheduleExpression.parse("cron(15 9 ? * MON-FRI *)", "UTC", T0);

        assertThat(noonInParis.nextAfter(T0)).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
        assertThat(noonUtc.nextAfter(T0)).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(weekdays.nextAfter(Instant.parse("2026-11-27T10:00:00Z")))
                .as("Friday the 27th is past 9:15; Saturday and Sunday are not weekdays")
                .isEqualTo(Instant.parse("2026-11-30T09:15:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "every 5 minutes|must be rate(N minutes|hours|days) or cron(",
        "rate(0 minutes)|at least 1",
        "rate(5 weeks)|must be rate(",
        "cron(0 12 * * *)|6 fields",
        "cron(0 25 * * ? *)|invalid cron expression",
    })
    void badExpressionsAreRefusedWithAReason(String expression, String reason) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, "UTC", T0)).hasMessageContaining(reason);
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 12 * * ? *)", "Mars/Olympus", T0))
                .hasMessageContaining("IANA time zone").hasMessageContaining("Mars/Olympus");
    }
}
