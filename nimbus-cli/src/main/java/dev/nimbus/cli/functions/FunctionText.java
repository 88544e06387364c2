package dev.nimbus.cli.functions;

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
                .add("reserved", reserved(f.reservedConcurrency()))
                .add("http payload", Text.orDash(f.httpPayloadFormat()));
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
