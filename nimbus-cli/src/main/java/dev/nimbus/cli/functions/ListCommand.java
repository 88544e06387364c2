package dev.nimbus.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nimbus list}: every function with its latest revision. */
@Command(name = "list", description = "List functions.")
public final class ListCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOption output;

    public ListCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            document = client.listFunctions();
        }
        output.print(spec.commandLine().getOut(), document, d -> {
            List<FunctionInfo> functions = new ArrayList<>();
            d.path("functions").forEach(f -> functions.add(FunctionInfo.from(f)));
            return FunctionText.table(functions);
        });
        return 0;
    }
}
