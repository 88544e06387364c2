package dev.nimbus.cli.alias;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.AliasInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nimbus alias list NAME}: every alias of a function, by name. */
@Command(name = "list", description = "List a function's aliases.")
public final class ListAliasesCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Mixin
    private OutputOption output;

    public ListAliasesCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            document = client.listAliases(name);
        }
        output.print(spec.commandLine().getOut(), document, d -> {
            List<AliasInfo> aliases = new ArrayList<>();
            d.path("aliases").forEach(a -> aliases.add(AliasInfo.from(a)));
            return AliasText.table(aliases);
        });
        return 0;
    }
}
