package dev.nimbus.core.event;

import java.util.Locale;

/** Where an accepted event is in its delivery. */
public enum EventStatus {
    /** committed, waiting for a worker */
    PENDING,
    /** a worker holds its lease and is invoking the function */
    IN_FLIGHT,
    /** an attempt failed; the next one is due at the event's due time */
    RETRYING,
    /** the function handled it */
    DELIVERED,
    /** out of attempts or too old; kept with its last error */
    DEAD_LETTERED;

    public boolean isFinal() {
        return this == DELIVERED || this == DEAD_LETTERED;
    }

    /** The API's lower-case name, e.g. {@code dead_lettered}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API name, any case; null if unknown. */
    public static EventStatus of(String id) {
        for (EventStatus s : values()) {
            if (s.name().equalsIgnoreCase(id)) {
                return s;
            }
        }
        return null;
    }
}
