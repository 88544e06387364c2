package dev.nimbus.cli.functions;

import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nimbus delete NAME}: removes a function and all its revisions. */
@Command(name = "delete", description = "Delete a function and all its revisions.")
public final class DeleteCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Mixin
    private OutputOption output;

    public DeleteCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        try (ManagementApi client = api.get()) {
            client.deleteFunction(name);
        }
        output.print(spec.commandLine().getOut(), Text.object().put("deleted", name).put("kind", "function"),
                "deleted " + name);
        return 0;
    }
}
