package dev.nimbus.cli.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus schedule set|get|list|delete}: functions run on an EventBridge {@code rate(...)} or
 * {@code cron(...)} expression (docs/async.md).
 */
@Command(name = "schedule", description = "Run functions on a rate(...) or cron(...) schedule.")
public final class ScheduleCommand {
    private static final List<String> COLUMNS = List.of("NAME", "FUNCTION", "EXPRESSION", "TIME ZONE", "NEXT", "LAST",
            "SKIPPED");

    private ScheduleCommand() {
    }

    public static CommandLine command(Supplier<ManagementApi> api) {
        return new CommandLine(new ScheduleCommand())
                .addSubcommand(new Set(api))
                .addSubcommand(new Get(api))
                .addSubcommand(new ListAll(api))
                .addSubcommand(new Delete(api));
    }

    static String table(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("schedules").forEach(s -> rows.add(row(s)));
        return rows.isEmpty() ? "No schedules." + System.lineSeparator() : Text.table(COLUMNS, rows);
    }

    static String one(JsonNode s) {
        return Text.table(COLUMNS, List.of(row(s)));
    }

    private static List<String> row(JsonNode s) {
        String function = s.path("function").asText() + (s.hasNonNull("qualifier") ? ":" + s.path("qualifier").asText() : "");
        return List.of(s.path("name").asText(), function, s.path("expression").asText(), s.path("timeZone").asText(),
                Text.orDash(s.path("nextFireAt").asText(null)), Text.orDash(s.path("lastFiredAt").asText(null)),
                s.path("skipped").asText());
    }

    @Command(name = "set", description = "Create or replace a schedule (its ticks start anew).")
    static final class Set implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Mixin
        private OutputOption output;
        @Parameters(index = "0", paramLabel = "NAME", description = "schedule name")
        private String name;
        @Option(names = "--function", required = true, paramLabel = "NAME[:QUALIFIER]", description = "function to run")
        private String function;
        @Option(names = "--expression", required = true, paramLabel = "EXPR",
                description = "rate(5 minutes) or cron(0 12 * * ? *)")
        private String expression;
        @Option(names = "--time-zone", paramLabel = "ZONE", description = "IANA zone for cron, e.g. Europe/Paris (default UTC)")
        private String timeZone;

        Set(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("function", function).put("expression", expression);
            if (timeZone != null) {
                body.put("timeZone", timeZone);
            }
            try (ManagementApi client = api.get()) {
                output.print(spec.commandLine().getOut(), client.putSchedule(name, body), ScheduleCommand::one);
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Show a schedule.")
    static final class Get implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Mixin
        private OutputOption output;
        @Parameters(index = "0", paramLabel = "NAME", description = "schedule name")
        private String name;

        Get(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                output.print(spec.commandLine().getOut(), client.getSchedule(name), ScheduleCommand::one);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List schedules.")
    static final class ListAll implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Mixin
        private OutputOption output;

        ListAll(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                output.print(spec.commandLine().getOut(), client.listSchedules(), ScheduleCommand::table);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a schedule; events it already fired are still delivered.")
    static final class Delete implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "schedule name")
        private String name;
        @Mixin
        private OutputOption output;

        Delete(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                client.deleteSchedule(name);
            }
            output.print(spec.commandLine().getOut(), Text.object().put("deleted", name).put("kind", "schedule"),
                    "deleted schedule " + name);
            return 0;
        }
    }
}
