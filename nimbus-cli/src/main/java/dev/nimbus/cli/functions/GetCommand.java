package dev.nimbus.cli.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    private OutputOption output;

    public GetCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode function;
        try (ManagementApi client = api.get()) {
            function = client.getFunction(name);
        }
        output.print(spec.commandLine().getOut(), function, d -> FunctionText.details(FunctionInfo.from(d)));
        return 0;
    }
}
