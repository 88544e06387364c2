package dev.nimbus.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.function.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the outcome of an asynchronous invocation goes: a function (invoked asynchronously with the
 * record as its event) or a topic (published as a CloudEvent). Written {@code function:NAME},
 * {@code function:NAME:QUALIFIER} or {@code topic:NAME}; Lambda's ARNs of a function, an SNS topic
 * or an EventBridge bus are read too, naming a Nimbus function or topic by their last part.
 *
 * @param qualifier a version or alias of a function destination, or null
 */
public record Destination(Kind kind, String name, String qualifier) {
    private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[A-Za-z0-9_-]{1,128}");
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]{1,64})(?::([^:]+))?");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws:(?:sns:[a-z0-9-]+:\\d{12}:|events:[a-z0-9-]+:\\d{12}:event-bus/)([A-Za-z0-9._-]{1,64})");

    public enum Kind { FUNCTION, TOPIC }

    public Destination {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("destination", "names are 1-64 letters, digits, '.', '_' or '-', not only"
                    + " dots, was '" + FunctionName.clip(name) + "'");
        }
        if (qualifier != null && (kind == Kind.TOPIC || !QUALIFIER.matcher(qualifier).matches())) {
            throw new ValidationException("destination",
                    "qualifier must be a version, an alias or $LATEST (functions only), was " + qualifier);
        }
    }

    /** Reads {@code function:NAME[:QUALIFIER]}, {@code topic:NAME} or an ARN; throws ValidationException otherwise. */
    @JsonCreator
    public static Destination parse(String text) {
        if (text == null || text.length() > 256) {
            throw new ValidationException("destination", "must be function:NAME[:QUALIFIER] or topic:NAME");
        }
        var arn = FUNCTION_ARN.matcher(text);
        if (arn.matches()) {
            return new Destination(Kind.FUNCTION, arn.group(1), arn.group(2));
        }
        arn = TOPIC_ARN.matcher(text);
        if (arn.matches()) {
            return new Destination(Kind.TOPIC, arn.group(1), null);
        }
        String[] parts = text.split(":", -1);
        if (parts[0].equals("function") && (parts.length == 2 || parts.length == 3)) {
            return new Destination(Kind.FUNCTION, parts[1], parts.length == 3 ? parts[2] : null);
        }
        if (parts[0].equals("topic") && parts.length == 2) {
            return new Destination(Kind.TOPIC, parts[1], null);
        }
        throw new ValidationException("destination",
                "must be function:NAME[:QUALIFIER] or topic:NAME, was '" + FunctionName.clip(text) + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return (kind == Kind.FUNCTION ? "function:" : "topic:") + name + (qualifier == null ? "" : ":" + qualifier);
    }
}
