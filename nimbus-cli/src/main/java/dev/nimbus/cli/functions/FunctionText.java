package dev.nimbus.cli.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.api.FunctionInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders functions for people: the {@code list} table and the {@code get} key: value block. */
final class FunctionText {
    private static final String[] COLUMNS = {"NAME", "REVISION", "RUNTIME", "HANDLER", "MEMORY", "TIMEOUT", "UPDATED"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionText() {
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    static String table(List<FunctionInfo> functions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (FunctionInfo f : functions) {
            rows.add(new String[] {
                    orDash(f.name()), orDash(f.revision()), orDash(f.runtime()), orDash(f.handler()),
                    megabytes(f.memoryMb()), seconds(f.timeoutSeconds()), time(f.createdAt())});
        }
        int[] widths = new int[COLUMNS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                text.append(last ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    /** One {@code key: value} line per field; environment variables one per line, sorted. */
    static String details(FunctionInfo f) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("name", orDash(f.name()));
        lines.put("revision", orDash(f.revision()));
        lines.put("runtime", orDash(f.runtime()));
        lines.put("handler", orDash(f.handler()));
        lines.put("memory", megabytes(f.memoryMb()));
        lines.put("timeout", seconds(f.timeoutSeconds()));
        lines.put("concurrency", orDash(f.concurrency()));
        lines.put("description", f.description() == null || f.description().isEmpty() ? "-" : f.description());
        lines.put("code", f.codeSha256() == null ? "-"
                : "sha256:" + f.codeSha256() + (f.codeSize() == null ? "" : " (" + f.codeSize() + " bytes)"));
        lines.put("updated", time(f.createdAt()));
        var text = new StringBuilder();
        lines.forEach((key, value) -> text.append(String.format("%-13s%s%n", key + ":", value)));
        if (f.environment().isEmpty()) {
            text.append(String.format("%-13s-%n", "environment:"));
        } else {
            String label = "environment:";
            for (var e : f.environment().entrySet()) {
                text.append(String.format("%-13s%s=%s%n", label, e.getKey(), e.getValue()));
                label = "";
            }
        }
        return text.toString();
    }

    static String json(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a JSON tree", e);
        }
    }

    private static String megabytes(Integer mb) {
        return mb == null ? "-" : mb + " MB";
    }

    private static String seconds(Integer s) {
        return s == null ? "-" : s + " s";
    }

    /** UTC, to the second: {@code 2025-05-01T10:00:00Z}. */
    private static String time(Optional<Instant> instant) {
        return instant.map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
