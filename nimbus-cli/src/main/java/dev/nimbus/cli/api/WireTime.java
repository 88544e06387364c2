package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an instant in either form Jackson writes one: ISO-8601 text ({@code 2025-05-01T10:00:00.5Z})
 * or decimal epoch seconds ({@code 1746093600.500000000}, Jackson's default for {@code Instant}).
 */
public final class WireTime {
    private WireTime() {
    }

    public static Optional<Instant> parse(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Instant.parse(node.asText()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
