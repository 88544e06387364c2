package dev.nimbus.core.function;

import java.util.Arrays;

/**
 * The event shape a function's HTTP route sends (lambda-compat.md §6.1-6.2): API Gateway REST
 * proxy (payload 1.0) or HTTP API / function URL (payload 2.0, the default).
 */
public enum PayloadFormat {
    V1("1.0"),
    V2("2.0");

    private final String id;

    PayloadFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses {@code 1.0} or {@code 2.0}; anything else is a {@link ValidationException}. */
    public static PayloadFormat of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new ValidationException("httpPayloadFormat",
                        "must be 1.0 or 2.0, was '" + FunctionName.clip(id) + "'"));
    }
}
