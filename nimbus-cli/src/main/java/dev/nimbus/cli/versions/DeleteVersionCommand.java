package dev.nimbus.cli.versions;

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

/** {@code nimbus versions delete NAME VERSION}; the server refuses while an alias routes to the version. */
@Command(name = "delete", description = {"Delete a published version.",
                "Refused while an alias routes to it; $LATEST goes only with the function."})
public final class DeleteVersionCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "version number")
    private String version;

    @Mixin
    private OutputOption output;

    public DeleteVersionCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        try (ManagementApi client = api.get()) {
            client.deleteVersion(name, version);
        }
        output.print(spec.commandLine().getOut(), Text.object().put("deleted", name + ":" + version).put("kind", "version"),
                "deleted " + name + " version " + version);
        return 0;
    }
}
