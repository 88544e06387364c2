package dev.nimbus.core.function;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The language runtimes a function can use; each is started over the Lambda Runtime API. */
public enum Runtime {
    PYTHON3("python3"),
    NODEJS("nodejs"),
    JAVA("java"),
    PROVIDED("provided");

    private final String id;

    Runtime(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Parses the wire name; throws a {@link ValidationException} naming the allowed values. */
    @JsonCreator
    public static Runtime of(String id) {
        for (Runtime r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new ValidationException("runtime", "must be one of " + allowed() + ", was '" + FunctionName.clip(id) + "'");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Runtime::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
