package dev.nimbus.events.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which events a subscription receives, in the spirit of EventBridge's event patterns:
 * <pre>{@code
 * {"attributes": {"type": ["order.created", {"prefix": "order.paid."}], "subject": {"exists": true}},
 *  "data": {"order.amount": {"numeric": [">=", 10, "<", 20]}, "order.currency": {"anything-but": "XTS"}}}
 * }</pre>
 * Every key must hold (AND); an array lists alternatives of which one must hold (OR).
 * <ul>
 * <li>Attributes (CloudEvents context attributes and extensions, as strings): a string (equals),
 *     {@code prefix}, {@code suffix}, {@code anything-but} (a string or strings) or {@code exists}. A
 *     missing attribute matches only {@code {"exists": false}} and {@code anything-but}.</li>
 * <li>Data (a dot-separated path of field names into the JSON data, at most 8 deep): a scalar
 *     (equals; numbers compare by value, so 10 equals 10.0), {@code exists}, {@code numeric} with one
 *     or two comparisons, {@code anything-but} (the field must exist and differ from every scalar
 *     given), or {@code prefix}/{@code suffix} (strings only). A missing field, or data that is absent
 *     or not JSON, matches only {@code {"exists": false}}.</li>
 * </ul>
 * Bounded: at most 32 conditions in all (each alternative counts), 32 alternatives in an array and
 * 256 characters in a string. No user input becomes a regular expression.
 *
 * <p>Immutable and thread-safe: parse once, match from any thread.
 */
public final class EventFilter {
    static final int MAX_CONDITIONS = 32;
    static final int MAX_ALTERNATIVES = 32;
    static final int MAX_STRING = 256;
    static final int MAX_DEPTH = 8;

    private static final String ATTRIBUTE_FORMS = "a string, {\"prefix\": s}, {\"suffix\": s}, {\"anything-but\": s or"
            + " [s, ...]}, {\"exists\": true|false}, or an array of these";
    private static final String DATA_FORMS = "a string, number, boolean or null, {\"prefix\": s}, {\"suffix\": s},"
            + " {\"anything-but\": scalar or [scalars]}, {\"numeric\": [op, n] or [op, n, op, n]},"
            + " {\"exists\": true|false}, or an array of these";
    private static final Set<String> OPS = Set.of(">", ">=", "<", "<=", "=");

    /** Matches every event; also what {@code null} and {@code {}} parse to. */
    public static final EventFilter ALL = new EventFilter(List.of(), List.of(), JsonNodeFactory.instance.objectNode());

    private final List<Rule> attributes;
    private final List<Rule> data;
    private final ObjectNode json;

    private EventFilter(List<Rule> attributes, List<Rule> data, ObjectNode json) {
        this.attributes = attributes;
        this.data = data;
        this.json = json;
    }

    /**
     * Parses a subscription filter; {@code null} or {@code {}} gives {@link #ALL}.
     *
     * @throws IllegalArgumentException with a reason fit for a 400 answer: the offending key or path
     *     and what is allowed there
     */
    public static EventFilter parse(JsonNode filter) {
        if (filter == null || filter.isNull() || filter.isMissingNode()) {
            return ALL;
        }
        if (!filter.isObject()) {
            throw bad("a filter is a JSON object with \"attributes\" and/or \"data\", was " + kind(filter));
        }
        for (var property : filter.properties()) {
            String key = property.getKey();
            if (!key.equals("attributes") && !key.equals("data")) {
                throw bad("unknown filter key \"" + truncate(key) + "\": allowed are \"attributes\" and \"data\"");
            }
        }
        var parser = new Parser();
        List<Rule> attributes = parser.rules(filter.get("attributes"), false);
        List<Rule> data = parser.rules(filter.get("data"), true);
        if (attributes.isEmpty() && data.isEmpty()) {
            return ALL;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (!attributes.isEmpty()) {
            json.set("attributes", filter.get("attributes").deepCopy());
        }
        if (!data.isEmpty()) {
            json.set("data", filter.get("data").deepCopy());
        }
        return new EventFilter(List.copyOf(attributes), List.copyOf(data), json);
    }

    /**
     * @param attributes CloudEvents context attributes and extensions as strings
     * @param data the event's data parsed as JSON, or {@code null} when absent or not JSON
     */
    public boolean matches(Map<String, String> attributes, JsonNode data) {
        for (Rule rule : this.attributes) {
            String value = attributes == null ? null : attributes.get(rule.key());
            if (!rule.test(value == null ? null : TextNode.valueOf(value))) {
                return false;
            }
        }
        for (Rule rule : this.data) {
            if (!rule.test(resolve(data, rule.path()))) {
                return false;
            }
        }
        return true;
    }

    /** The filter as given, for showing it back; {@code {}} for {@link #ALL}. A copy, so callers cannot change it. */
    public JsonNode toJson() {
        return json.deepCopy();
    }

    @Override
    public String toString() {
        return json.toString();
    }

    /** The value at a path of field names, or {@code null} when any step is missing or not an object. */
    private static JsonNode resolve(JsonNode data, List<String> path) {
        JsonNode node = data;
        for (String field : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node;
    }

    /** One key of the filter: where its value is found and the alternatives, any of which suffices. */
    private record Rule(String key, List<String> path, List<Condition> anyOf) {
        boolean test(JsonNode value) {
            for (Condition c : anyOf) {
                if (c.test(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A test of one value; {@code null} stands for a missing attribute or field. */
    private sealed interface Condition {
        boolean test(JsonNode value);
    }

    private record Equals(JsonNode expected) implements Condition {
        public boolean test(JsonNode value) {
            return value != null && same(value, expected);
        }
    }

    private record Prefix(String prefix) implements Condition {
        public boolean test(JsonNode value) {
            return value != null && value.isTextual() && value.textValue().startsWith(prefix);
        }
    }

    private record Suffix(String suffix) implements Condition {
        public boolean test(JsonNode value) {
            return value != null && value.isTextual() && value.textValue().endsWith(suffix);
        }
    }

    private record Exists(boolean exists) implements Condition {
        public boolean test(JsonNode value) {
            return (value != null) == exists;
        }
    }

    /** Attributes: a missing one is "anything but" these. Data: the field must exist. */
    private record AnythingBut(List<JsonNode> excluded, boolean missingMatches) implements Condition {
        public boolean test(JsonNode value) {
            return value == null ? missingMatches : excluded.stream().noneMatch(e -> same(value, e));
        }
    }

    /** One or two comparisons, all of which must hold: {@code [">=", 10, "<", 20]} is 10 ≤ v < 20. */
    private record Numeric(List<Bound> bounds) implements Condition {
        public boolean test(JsonNode value) {
            BigDecimal v = value == null ? null : decimal(value);
            return v != null && bounds.stream().allMatch(b -> b.holds(v));
        }
    }

    private record Bound(String op, BigDecimal operand) {
        boolean holds(BigDecimal v) {
            int c = v.compareTo(operand);
            return switch (op) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> c == 0;
            };
        }
    }

    /** Equal JSON scalars, numbers by value: 10, 10.0 and 1E1 are the same. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            return x != null && y != null && x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    /** The exact value of a JSON number, or {@code null} for a non-number or a double out of range (±Infinity). */
    private static BigDecimal decimal(JsonNode n) {
        if (!n.isNumber() || (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue()))) {
            return null;
        }
        return n.decimalValue();
    }

    /** Reads the conditions of a filter, counting them against {@link #MAX_CONDITIONS}. */
    private static final class Parser {
        private int conditions;

        List<Rule> rules(JsonNode section, boolean isData) {
            String name = isData ? "data" : "attributes";
            if (section == null) {
                return List.of();
            }
            if (!section.isObject()) {
                throw bad(name + " is an object of " + (isData ? "path" : "attribute name") + " to condition, was "
                        + kind(section));
            }
            var rules = new ArrayList<Rule>();
            for (var e : section.properties()) {
                String key = e.getKey();
                String where = name + "." + truncate(key);
                List<String> path = isData ? path(key, where) : List.of(attributeName(key, where));
                rules.add(new Rule(key, path, alternatives(e.getValue(), where, isData)));
            }
            return rules;
        }

        private List<Condition> alternatives(JsonNode node, String where, boolean isData) {
            if (!node.isArray()) {
                count();
                return List.of(condition(node, where, isData));
            }
            if (node.isEmpty() || node.size() > MAX_ALTERNATIVES) {
                throw bad(where + ": an array holds 1 to " + MAX_ALTERNATIVES + " alternatives, had " + node.size());
            }
            var anyOf = new ArrayList<Condition>();
            for (int i = 0; i < node.size(); i++) {
                count();
                JsonNode c = node.get(i);
                if (c.isArray()) {
                    throw bad(where + "[" + i + "]: an alternative cannot be an array; allowed: " + forms(isData));
                }
                anyOf.add(condition(c, where + "[" + i + "]", isData));
            }
            return List.copyOf(anyOf);
        }

        private void count() {
            if (++conditions > MAX_CONDITIONS) {
                throw bad("a filter has at most " + MAX_CONDITIONS + " conditions in all (each alternative counts)");
            }
        }

        private static Condition condition(JsonNode c, String where, boolean isData) {
            if (!c.isObject()) {
                if (!isData && !c.isTextual()) {
                    throw bad(where + ": an attribute condition is " + ATTRIBUTE_FORMS + "; was " + kind(c));
                }
                return new Equals(scalar(c, where, isData));
            }
            if (c.size() != 1) {
                throw bad(where + ": a condition object has exactly one key, had " + c.size() + "; allowed: "
                        + forms(isData));
            }
            var e = c.properties().iterator().next();
            JsonNode arg = e.getValue();
            return switch (e.getKey()) {
                case "exists" -> {
                    if (!arg.isBoolean()) {
                        throw bad(where + ": exists takes true or false, was " + kind(arg));
                    }
                    yield new Exists(arg.booleanValue());
                }
                case "prefix" -> new Prefix(string(arg, where, "prefix"));
                case "suffix" -> new Suffix(string(arg, where, "suffix"));
                case "anything-but" -> anythingBut(arg, where, isData);
                case "numeric" -> {
                    if (!isData) {
                        throw bad(where + ": numeric applies to data only; an attribute condition is "
                                + ATTRIBUTE_FORMS);
                    }
                    yield numeric(arg, where);
                }
                default -> throw bad(where + ": unknown condition \"" + truncate(e.getKey()) + "\"; allowed: "
                        + forms(isData));
            };
        }

        private static Condition anythingBut(JsonNode arg, String where, boolean isData) {
            String allowed = isData ? "a string, number, boolean or null, or an array of 1 to 32 of them"
                    : "a string or an array of 1 to 32 strings";
            List<JsonNode> values = arg.isArray() ? arg.valueStream().toList() : List.of(arg);
            if (values.isEmpty() || values.size() > MAX_ALTERNATIVES) {
                throw bad(where + ": anything-but takes " + allowed + ", had " + values.size());
            }
            var excluded = new ArrayList<JsonNode>();
            for (JsonNode v : values) {
                if (isData ? v.isContainerNode() : !v.isTextual()) {
                    throw bad(where + ": anything-but takes " + allowed + ", found " + kind(v));
                }
                excluded.add(scalar(v, where, isData));
            }
            return new AnythingBut(List.copyOf(excluded), !isData);
        }

        private static Condition numeric(JsonNode arg, String where) {
            String usage = where + ": numeric takes [op, number] or [op, number, op, number] with op one of"
                    + " >, >=, <, <=, =";
            if (!arg.isArray() || (arg.size() != 2 && arg.size() != 4)) {
                throw bad(usage + "; was " + (arg.isArray() ? "an array of " + arg.size() : kind(arg)));
            }
            var bounds = new ArrayList<Bound>();
            for (int i = 0; i < arg.size(); i += 2) {
                JsonNode op = arg.get(i);
                JsonNode operand = arg.get(i + 1);
                if (!op.isTextual() || !OPS.contains(op.textValue())) {
                    throw bad(usage + "; element " + i + " is not an op");
                }
                BigDecimal n = decimal(operand);
                if (n == null) {
                    throw bad(usage + "; element " + (i + 1) + " is not a finite number");
                }
                bounds.add(new Bound(op.textValue(), n));
            }
            return new Numeric(List.copyOf(bounds));
        }

        private static JsonNode scalar(JsonNode v, String where, boolean isData) {
            if (v.isTextual()) {
                string(v, where, "a value");
            } else if (v.isNumber() && decimal(v) == null) {
                throw bad(where + ": a number must be finite");
            } else if (!v.isNumber() && !v.isBoolean() && !v.isNull()) {
                throw bad(where + ": a data condition is " + DATA_FORMS + "; was " + kind(v));
            }
            return v.deepCopy();
        }

        private static String string(JsonNode arg, String where, String what) {
            if (!arg.isTextual()) {
                throw bad(where + ": " + what + " takes a string, was " + kind(arg));
            }
            return checkLength(arg.textValue(), where);
        }

        private static String attributeName(String name, String where) {
            if (name.isEmpty()) {
                throw bad("attributes: an attribute name cannot be empty");
            }
            return checkLength(name, where);
        }

        private static List<String> path(String key, String where) {
            checkLength(key, where);
            List<String> fields = List.of(key.split("\\.", -1));
            if (fields.contains("")) {
                throw bad(where + ": a path is field names separated by dots, each non-empty");
            }
            if (fields.size() > MAX_DEPTH) {
                throw bad(where + ": a path is at most " + MAX_DEPTH + " fields deep, was " + fields.size());
            }
            return fields;
        }

        private static String checkLength(String s, String where) {
            if (s.length() > MAX_STRING) {
                throw bad(where + ": a string is at most " + MAX_STRING + " characters, was " + s.length());
            }
            return s;
        }

        private static String forms(boolean isData) {
            return isData ? DATA_FORMS : ATTRIBUTE_FORMS;
        }
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A user-given key as shown in a message: at most 64 characters, so an answer stays short. */
    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static IllegalArgumentException bad(String reason) {
        return new IllegalArgumentException(reason);
    }
}
