package dev.nimbus.cli.functions;

import dev.nimbus.cli.api.ManagementApi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
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

    public DeleteCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        try (ManagementApi client = api.get()) {
            client.deleteFunction(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("deleted " + name);
        out.flush();
        return 0;
    }
}
