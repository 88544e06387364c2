package dev.nimbus.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputFormat;
import dev.nimbus.cli.output.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nimbus list}: every function with its latest revision. */
@Command(name = "list", description = "List functions.")
public final class ListCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: table)")
    private OutputFormat output;

    public ListCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            document = client.listFunctions();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.print(Text.json(document));
        } else {
            List<FunctionInfo> functions = new ArrayList<>();
            document.path("functions").forEach(f -> functions.add(FunctionInfo.from(f)));
            out.print(FunctionText.table(functions));
        }
        out.flush();
        return 0;
    }
}
