package dev.nimbus.cli.alias;

import dev.nimbus.cli.api.ManagementApi;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nimbus alias}: the group; on its own it is a usage error that lists the subcommands. */
@Command(name = "alias", description = {"Manage aliases: names for versions, invoked as NAME:ALIAS.",
                "An alias may send a share of its invocations to a second version."})
public final class AliasCommand {
    private AliasCommand() {
    }

    /** The {@code alias} command with its subcommands. */
    public static CommandLine command(Supplier<ManagementApi> api) {
        return new CommandLine(new AliasCommand())
                .addSubcommand(new SetAliasCommand(api))
                .addSubcommand(new GetAliasCommand(api))
                .addSubcommand(new ListAliasesCommand(api))
                .addSubcommand(new DeleteAliasCommand(api));
    }
}
