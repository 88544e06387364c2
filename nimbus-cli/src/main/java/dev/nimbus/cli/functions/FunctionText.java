package dev.nimbus.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.output.Text;
import java.util.ArrayList;
import java.util.List;

/** Renders functions for people: the {@code list} table and the {@code get} key: value block. */
final class FunctionText {
    private static final List<String> COLUMNS =
            List.of("NAME", "REVISION", "RUNTIME", "HANDLER", "MEMORY", "TIMEOUT", "UPDATED");

    private FunctionText() {
    }

    static String table(List<FunctionInfo> functions) {
        List<List<String>> rows = new ArrayList<>();
        for (FunctionInfo f : functions) {
            rows.add(List.of(Text.orDash(f.name()), Text.orDash(f.revision()), Text.orDash(f.runtime()),
                    Text.orDash(f.handler()), megabytes(f.memoryMb()), seconds(f.timeoutSeconds()),
                    Text.time(f.createdAt())));
        }
        return Text.table(COLUMNS, rows);
    }

    /** One {@code key: value} line per field; environment variables one per line, sorted. */
    static String details(FunctionInfo f) {
        var fields = new Text.Fields()
                .add("name", Text.orDash(f.name()))
                .add("version", Text.orDash(f.version()))
                .add("revision", Text.orDash(f.revision()))
                .add("runtime", Text.orDash(f.runtime()))
                .add("handler", Text.orDash(f.handler()))
                .add("memory", megabytes(f.memoryMb()))
                .add("timeout", seconds(f.timeoutSeconds()))
                .add("concurrency", f.concurrency() == null ? "-" : f.concurrency() + " per version")
                .add("reserved", reserved(f.reservedConcurrency()));
        if (f.scaling().isObject()) {
            fields.add("scaling", scaling(f.scaling()));
        }
        if (f.lastUpdate().isObject()) {
            fields.add("last update", lastUpdate(f.lastUpdate()));
        }
        fields.add("http payload", Text.orDash(f.httpPayloadFormat()));
        fields.add("network", f.egress() ? "egress to public addresses" : "none (the platform only)");
        if (f.role() != null && !f.role().isEmpty()) {
            fields.add("role", f.role());
        }
        return fields
                .add("description", Text.orDash(f.description()))
                .add("code", f.codeSha256() == null ? "-"
                        : "sha256:" + f.codeSha256() + (f.codeSize() == null ? "" : " (" + f.codeSize() + " bytes)"))
                .add("updated", Text.time(f.createdAt()))
                .addAll("environment", f.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .toString();
    }

    /** One line, e.g. {@code rps, target 10 at 70%, 0-100 instances, 1 on deploy, window 60 s}. */
    private static String scaling(JsonNode s) {
        return s.path("metric").asText("-") + ", target " + number(s.path("target")) + " at "
                + Math.round(s.path("targetUtilisation").asDouble() * 100) + "%, " + s.path("minInstances").asText("?")
                + "-" + s.path("maxInstances").asText("?") + " instances, " + s.path("initialInstances").asText("?")
                + " on deploy, window " + s.path("stableWindowSeconds").asText("?") + " s";
    }

    /** {@code Successful at <time>}, or {@code Failed at <time>: <reason>}. */
    private static String lastUpdate(JsonNode u) {
        String reason = u.path("reason").isTextual() ? ": " + u.path("reason").asText() : "";
        return u.path("status").asText("-") + " at " + u.path("at").asText("-") + reason;
    }

    private static String number(JsonNode n) {
        double v = n.asDouble();
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Reserved concurrency caps all versions together; 0 stops every invocation. */
    private static String reserved(Integer reserved) {
        if (reserved == null) {
            return "-";
        }
        return reserved + " for all versions" + (reserved == 0 ? " (every invocation is throttled)" : "");
    }

    private static String megabytes(Integer mb) {
        return mb == null ? "-" : mb + " MB";
    }

    private static String seconds(Integer s) {
        return s == null ? "-" : s + " s";
    }
}
