package dev.nimbus.events.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, as in a rule or EventBridge Scheduler:
 * <ul>
 * <li>{@code rate(N minute|minutes|hour|hours|day|days)}, N ≥ 1: every N units from the
 *     schedule's creation;</li>
 * <li>{@code cron(minutes hours day-of-month month day-of-week year)} in the schedule's time
 *     zone, with EventBridge's rules: one of day-of-month and day-of-week is {@code ?}, days of the
 *     week are 1-7 (SUN-SAT) or SUN-SAT, and {@code L}, {@code W}, {@code #} work. Parsed as a
 *     Quartz expression with a seconds field of 0 (cron-utils), which has the same syntax.</li>
 * </ul>
 * A bad expression throws {@link IllegalArgumentException} with a reason for the caller.
 */
public sealed interface ScheduleExpression {
    Pattern RATE = Pattern.compile("rate\\((\\d{1,6}) (minutes?|hours?|days?)\\)");
    Pattern CRON = Pattern.compile("cron\\((.{1,200})\\)");
    CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** The first tick strictly after {@code t}. */
    Instant nextAfter(Instant t);

    static ScheduleExpression parse(String expression, String timeZone, Instant createdAt) {
        if (expression == null) {
            throw new IllegalArgumentException("expression is required: rate(5 minutes) or cron(0 12 * * ? *)");
        }
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            if (n < 1) {
                throw new IllegalArgumentException("a rate must be at least 1, was " + n);
            }
            Duration unit = switch (rate.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(1);
                case "hour", "hours" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(createdAt, unit.multipliedBy(n));
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            String[] fields = cron.group(1).trim().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("cron() takes 6 fields (minutes hours day-of-month month day-of-week"
                        + " year), was " + fields.length);
            }
            ZoneId zone = zone(timeZone);
            try {
                var parsed = QUARTZ.parse("0 " + String.join(" ", fields).toUpperCase(Locale.ROOT));
                parsed.validate();
                return new Cron(ExecutionTime.forCron(parsed), zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid cron expression: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("expression must be rate(N minutes|hours|days) or cron(minutes hours"
                + " day-of-month month day-of-week year)");
    }

    /** The zone of an IANA id ({@code UTC} when null or empty). */
    static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone must be an IANA time zone such as Europe/Paris, was '"
                    + (timeZone.length() > 64 ? timeZone.substring(0, 64) + "..." : timeZone) + "'");
        }
    }

    /** Every {@code period} from {@code anchor}. */
    record Rate(Instant anchor, Duration period) implements ScheduleExpression {
        @Override
        public Instant nextAfter(Instant t) {
            if (t.isBefore(anchor)) {
                return anchor.plus(period);
            }
            long periods = Duration.between(anchor, t).toMillis() / period.toMillis() + 1;
            return anchor.plus(period.multipliedBy(periods));
        }
    }

    /** A cron expression read in {@code zone}. */
    record Cron(ExecutionTime executions, ZoneId zone) implements ScheduleExpression {
        @Override
        public Instant nextAfter(Instant t) {
            return executions.nextExecution(ZonedDateTime.ofInstant(t, zone)).map(ZonedDateTime::toInstant)
                    .orElse(Scheduler.NEVER);
        }
    }
}
