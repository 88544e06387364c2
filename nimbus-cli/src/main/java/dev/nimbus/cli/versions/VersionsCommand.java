package dev.nimbus.cli.versions;

import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus versions}: {@code list} and {@code delete}; {@code nimbus versions NAME} is short
 * for {@code nimbus versions list NAME}. A function called {@code list} or {@code delete} needs the
 * long form, since subcommand names win.
 */
@Command(name = "versions", description = {"List a function's versions, or delete one.",
                "'versions NAME' is short for 'versions list NAME'."})
public final class VersionsCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "function name")
    private String name;

    @Mixin
    private OutputOption output;

    private VersionsCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    /** The {@code versions} command with its subcommands. */
    public static CommandLine command(Supplier<ManagementApi> api) {
        return new CommandLine(new VersionsCommand(api))
                .addSubcommand(new ListVersionsCommand(api))
                .addSubcommand(new DeleteVersionCommand(api));
    }

    @Override
    public Integer call() {
        if (name == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'NAME'");
        }
        ListVersionsCommand.print(api, name, output, spec.commandLine().getOut());
        return 0;
    }
}
