package dev.nimbus.cli.alias;

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

/** {@code nimbus alias delete NAME ALIAS}: the versions it pointed at stay. */
@Command(name = "delete", description = "Delete an alias; the versions it pointed at stay.")
public final class DeleteAliasCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "alias name")
    private String alias;

    @Mixin
    private OutputOption output;

    public DeleteAliasCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        try (ManagementApi client = api.get()) {
            client.deleteAlias(name, alias);
        }
        output.print(spec.commandLine().getOut(), Text.object().put("deleted", name + ":" + alias).put("kind", "alias"),
                "deleted alias " + name + ":" + alias);
        return 0;
    }
}
