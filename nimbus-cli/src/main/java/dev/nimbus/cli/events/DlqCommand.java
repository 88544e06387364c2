package dev.nimbus.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus dlq FUNCTION}: the function's dead-lettered events; {@code --redrive} puts them
 * (or the one {@code --id} names) back in line as new events, {@code --purge} deletes them.
 */
@Command(name = "dlq", description = "List, redrive or purge a function's dead-lettered events.")
public final class DlqCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOption output;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "function name")
    private String function;

    @ArgGroup(exclusive = true)
    private Action action;

    static final class Action {
        @Option(names = "--redrive", description = "deliver the dead letters again, as new events")
        boolean redrive;

        @Option(names = "--purge", description = "delete the dead letters")
        boolean purge;
    }

    @Option(names = "--id", paramLabel = "ID", description = "only this event")
    private String id;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "list at most N (default 1000)")
    private int limit;

    public DlqCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            if (action != null && action.redrive) {
                document = client.redriveDeadLetters(function, id);
            } else if (action != null && action.purge) {
                document = client.purgeDeadLetters(function, id);
            } else {
                document = client.asyncEvents(function, "dead_lettered", limit);
            }
        }
        output.print(spec.commandLine().getOut(), document, d -> d.has("redriven")
                ? d.path("redriven").asInt() + " dead letter(s) of " + function + " redriven" + System.lineSeparator()
                : d.has("purged") ? d.path("purged").asInt() + " dead letter(s) of " + function + " purged"
                        + System.lineSeparator()
                        : EventsCommand.table(d));
        return 0;
    }
}
