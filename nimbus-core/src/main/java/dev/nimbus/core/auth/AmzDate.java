package dev.nimbus.core.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The {@code X-Amz-Date} format, ISO-8601 basic in UTC: {@code 20150830T123600Z}. */
final class AmzDate {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private AmzDate() {
    }

    /** @throws Refusal {@link AuthError#INCOMPLETE_SIGNATURE} unless {@code value} is exactly of the form above */
    static Instant parse(String value) {
        if (value.length() != 16) {
            throw Refusal.malformedDate(value);
        }
        try {
            return FORMAT.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            throw Refusal.malformedDate(value);
        }
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
