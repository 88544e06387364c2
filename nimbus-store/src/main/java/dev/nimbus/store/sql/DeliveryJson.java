package dev.nimbus.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.function.ValidationException;
import java.sql.SQLException;

/** A {@link DeliveryConfig} as the JSON text the {@code delivery} and {@code config} columns hold. */
final class DeliveryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryJson() {
    }

    /** Null for null. */
    static String write(DeliveryConfig config) {
        try {
            return config == null ? null : JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery configuration is plain JSON", e);
        }
    }

    /** Null for null. */
    static DeliveryConfig read(String text) throws SQLException {
        try {
            return text == null ? null : JSON.readValue(text, DeliveryConfig.class);
        } catch (JsonProcessingException | ValidationException e) {
            throw new SQLException("a stored delivery configuration is not valid: " + e.getMessage(), e);
        }
    }
}
