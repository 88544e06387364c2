package dev.nimbus.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus events --function NAME [--status S] [--limit N]} lists a function's asynchronous
 * invocations, newest first ({@code --subscription TOPIC/NAME}, {@code --notification BUCKET/NAME} or
 * {@code --schedule NAME}: those a subscription, bucket notification or schedule caused); {@code nimbus events --id ID} shows one, with its last error.
 */
@Command(name = "events", description = "Show asynchronous invocations and how their delivery went.")
public final class EventsCommand implements Callable<Integer> {
    private static final List<String> COLUMNS = List.of("ID", "FUNCTION", "STATUS", "ATTEMPTS", "ACCEPTED",
            "LAST ERROR");

    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOption output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    static final class Which {
        @Option(names = "--function", paramLabel = "NAME", description = "list this function's events")
        String function;

        @Option(names = "--id", paramLabel = "ID", description = "show one event (the id printed by invoke --async)")
        String id;

        @Option(names = "--subscription", paramLabel = "TOPIC/NAME", description = "list the events a subscription caused")
        String subscription;

        @Option(names = "--notification", paramLabel = "BUCKET/NAME",
                description = "list the events a bucket notification caused")
        String notification;

        @Option(names = "--schedule", paramLabel = "NAME", description = "list the events a schedule fired")
        String schedule;
    }

    @Option(names = "--status", paramLabel = "STATUS",
            description = "only events in this state: pending, in_flight, retrying, delivered, dead_lettered")
    private String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N events (default 50)")
    private int limit;

    public EventsCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            if (which.id != null) {
                document = client.asyncEvent(which.id);
            } else if (which.function != null) {
                document = client.asyncEvents(which.function, status, limit);
            } else if (which.subscription != null) {
                document = client.originEvents("subscription", which.subscription, status, limit);
            } else if (which.notification != null) {
                document = client.originEvents("notification", which.notification, status, limit);
            } else {
                document = client.originEvents("schedule", which.schedule, status, limit);
            }
        }
        output.print(spec.commandLine().getOut(), document, which.id != null ? EventsCommand::one : EventsCommand::table);
        return 0;
    }

    static String table(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("events").forEach(e -> rows.add(List.of(e.path("id").asText(), e.path("function").asText(),
                e.path("status").asText(),
                e.path("attempts").asText(), e.path("acceptedAt").asText(),
                Text.orDash(e.path("lastError").asText(null)))));
        return rows.isEmpty() ? "No events." + System.lineSeparator() : Text.table(COLUMNS, rows);
    }

    static String one(JsonNode e) {
        var fields = new Text.Fields()
                .add("id", e.path("id").asText())
                .add("function", e.path("function").asText() + (e.hasNonNull("qualifier") ? ":" + e.path("qualifier").asText() : ""))
                .add("caused by", Text.orDash(e.path("origin").asText(null)))
                .add("status", e.path("status").asText())
                .add("attempts", e.path("attempts").asText())
                .add("accepted", e.path("acceptedAt").asText());
        if (e.hasNonNull("dueAt")) {
            fields.add("next attempt", e.path("dueAt").asText());
        }
        if (e.hasNonNull("finishedAt")) {
            fields.add("finished", e.path("finishedAt").asText());
        }
        if (e.hasNonNull("lastError")) {
            fields.add("last error", e.path("lastError").asText());
        }
        return fields.toString();
    }
}
