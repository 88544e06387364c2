package dev.nimbus.cli.alias;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.AliasInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nimbus alias get NAME ALIAS}. */
@Command(name = "get", description = "Show an alias.")
public final class GetAliasCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "alias name")
    private String alias;

    @Mixin
    private OutputOption output;

    public GetAliasCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            document = client.getAlias(name, alias);
        }
        output.print(spec.commandLine().getOut(), document, d -> AliasText.details(AliasInfo.from(d)));
        return 0;
    }
}
