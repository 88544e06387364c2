package dev.nimbus.cli.invocations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.WireTime;
import dev.nimbus.cli.output.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Renders invocation records for people: one line each, newest first as the server lists them. */
final class InvocationText {
    private static final List<String> COLUMNS = List.of("TIME", "REQUEST ID", "VERSION", "TRIGGER", "START", "DURATION",
            "OUTCOME", "ERROR TYPE");

    private InvocationText() {
    }

    static String table(JsonNode document) {
        List<List<String>> rows = new ArrayList<>();
        document.path("invocations").forEach(i -> rows.add(List.of(
                Text.time(WireTime.parse(i.path("arrived"))),
                text(i, "requestId"), text(i, "version"), text(i, "trigger"), start(i),
                millis(i.path("durationMs")), text(i, "outcome"), text(i, "errorType"))));
        return rows.isEmpty() ? "No invocations." + System.lineSeparator() : Text.table(COLUMNS, rows);
    }

    /** One record as {@code key: value} lines, its log last, one line each. */
    static String details(JsonNode i) {
        JsonNode cold = i.path("coldStart");
        var fields = new Text.Fields()
                .add("request id", text(i, "requestId"))
                .add("function", text(i, "function"))
                .add("version", text(i, "version") + (i.path("revision").isNumber() ? " (revision " + i.path("revision").asText()
                        + ")" : ""))
                .add("trigger", text(i, "trigger"))
                .add("instance", text(i, "instanceId"))
                .add("arrived", text(i, "arrived"))
                .add("start", text(i, "start"));
        if (cold.isObject()) {
            fields.add("cold start", "spawn " + millis(cold.path("spawnMs")) + ", runtime init "
                    + millis(cold.path("runtimeInitMs")) + ", handler init " + millis(cold.path("handlerInitMs")));
        }
        List<String> log = new ArrayList<>();
        i.path("log").forEach(line -> log.add(line.asText().stripTrailing()));
        return fields.add("queued", millis(i.path("queuedMs")))
                .add("duration", millis(i.path("durationMs")))
                .add("outcome", text(i, "outcome") + (i.path("errorType").isTextual() ? " (" + i.path("errorType").asText() + ")" : ""))
                .add("max memory", i.path("maxMemoryMb").isNumber() ? i.path("maxMemoryMb").asText() + " MB" : "-")
                .add("trace id", text(i, "traceId"))
                .addAll("log", log)
                .toString();
    }

    /**
     * {@code warm}, {@code provisioned}, or {@code cold} with the time the instance took to be
     * ready: spawn + runtime init + handler init, e.g. spawn 40, runtime 120, handler 250 is
     * {@code cold (410 ms init)}; time spent queued is not the instance's and is left out.
     */
    static String start(JsonNode invocation) {
        String start = invocation.path("start").asText("-");
        JsonNode cold = invocation.path("coldStart");
        if (!start.equals("cold") || !cold.isObject()) {
            return start;
        }
        BigDecimal init = BigDecimal.ZERO;
        for (String phase : List.of("spawnMs", "runtimeInitMs", "handlerInitMs")) {
            if (cold.path(phase).isNumber()) {
                init = init.add(cold.path(phase).decimalValue());
            }
        }
        return "cold (" + millis(init) + " init)";
    }

    /** Milliseconds without trailing zeros: {@code 12 ms}, {@code 3.5 ms}; a dash when absent. */
    static String millis(JsonNode value) {
        return value.isNumber() ? millis(value.decimalValue()) : "-";
    }

    private static String millis(BigDecimal value) {
        return value.setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " ms";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? Text.orDash(value.asText()) : "-";
    }
}
