package dev.nimbus.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders command output: tables, {@code key: value} blocks, JSON and the values inside them. */
public final class Text {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    private Text() {
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    public static String table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var text = new StringBuilder();
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                text.append(last ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            text.append(NL);
        }
        return text.toString();
    }

    /** A {@code key: value} block; values start in one column, one space after the longest key. */
    public static final class Fields {
        private final List<String[]> lines = new ArrayList<>();

        public Fields add(String key, String value) {
            lines.add(new String[] {key + ":", value});
            return this;
        }

        /** One line per value, the key on the first only; a dash when there are none. */
        public Fields addAll(String key, List<String> values) {
            if (values.isEmpty()) {
                return add(key, "-");
            }
            String label = key + ":";
            for (String value : values) {
                lines.add(new String[] {label, value});
                label = "";
            }
            return this;
        }

        @Override
        public String toString() {
            int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 1;
            var text = new StringBuilder();
            lines.forEach(l -> text.append(String.format("%-" + width + "s%s", l[0], l[1]).stripTrailing()).append(NL));
            return text.toString();
        }
    }

    /** The server's document, pretty-printed. */
    public static String json(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + NL;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a JSON tree", e);
        }
    }

    /** One JSON object on one line (JSON Lines), with the line separator. */
    public static String jsonLine(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + NL;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a JSON tree", e);
        }
    }

    /** A small document such as {@code {"deleted":"echo"}}, for what a command did when the server answered nothing. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** UTC, to the second: {@code 2025-05-01T10:00:00Z}; a dash when unknown. */
    public static String time(Optional<Instant> instant) {
        return instant.map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }

    /** The value, or a dash for null or empty text. */
    public static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }

    /** A share as a percentage without trailing zeros: 0.1 is {@code 10%}, 0.125 is {@code 12.5%}. */
    public static String percent(double share) {
        return new BigDecimal(Double.toString(share)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
