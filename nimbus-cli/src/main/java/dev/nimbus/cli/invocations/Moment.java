package dev.nimbus.cli.invocations;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A point in time as {@code --since} and {@code --until} take it: an ISO-8601 instant
 * ({@code 2025-05-01T10:00:00Z}) or an age back from now, a whole number of seconds, minutes,
 * hours or days ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}): at 12:00, {@code 1h} is 11:00.
 */
final class Moment {
    static final String FORMS = "an age such as 30s, 15m, 1h or 7d, or an ISO-8601 instant such as 2025-05-01T10:00:00Z";
    private static final Pattern AGE = Pattern.compile("([0-9]{1,9})([smhd])");

    private Moment() {
    }

    /** The instant {@code text} names at {@code now}, or empty when it is neither form. */
    static Optional<Instant> parse(String text, Instant now) {
        String value = text.strip();
        var age = AGE.matcher(value);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration back = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Optional.of(now.minus(back));
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
