package dev.nimbus.cli.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nimbus versions list NAME}, also {@code nimbus versions NAME}: $LATEST and the published versions. */
@Command(name = "list", description = "List $LATEST and the published versions of a function.")
public final class ListVersionsCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Mixin
    private OutputOption output;

    public ListVersionsCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        print(api, name, output, spec.commandLine().getOut());
        return 0;
    }

    static void print(Supplier<ManagementApi> api, String name, OutputOption output, PrintWriter out) {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            document = client.listVersions(name);
        }
        output.print(out, document, d -> {
            List<FunctionInfo> versions = new ArrayList<>();
            d.path("versions").forEach(v -> versions.add(FunctionInfo.from(v)));
            return VersionText.table(versions);
        });
    }
}
