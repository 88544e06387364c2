package dev.nimbus.events.s3;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110's IMF-fixdate), as {@code Last-Modified} sends them and the conditional
 * headers bring them back: {@code Fri, 06 Nov 2026 09:05:03 GMT}, the day always two digits
 * (RFC 1123's formatter writes {@code 6 Nov}, which strict clients refuse).
 */
final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String format(Instant at) {
        return IMF_FIXDATE.format(at);
    }

    /** The instant of an HTTP date, or null if {@code value} is none (RFC 9110: such a condition is ignored). */
    static Instant parse(String value) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip()));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
