package dev.nimbus.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputFormat;
import dev.nimbus.cli.output.Text;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nimbus get NAME}: one function's configuration. */
@Command(name = "get", description = "Show a function.")
public final class GetCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: table)")
    private OutputFormat output;

    public GetCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode function;
        try (ManagementApi client = api.get()) {
            function = client.getFunction(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.JSON ? Text.json(function) : FunctionText.details(FunctionInfo.from(function)));
        out.flush();
        return 0;
    }
}
