package dev.nimbus.cli.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus publish NAME}: freezes {@code $LATEST} as the next version number. When the newest
 * version already holds {@code $LATEST}'s revision the server returns it instead of publishing a
 * copy; the command says so, telling the two apart by the versions that existed before.
 */
@Command(name = "publish", description = {"Publish $LATEST as a new immutable version.",
                "Nothing is published when the newest version already holds $LATEST."})
public final class PublishCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "the version's description (default: $LATEST's)")
    private String description;

    @Mixin
    private OutputOption output;

    public PublishCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (description != null) {
            request.put("description", description);
        }
        Set<String> before = new HashSet<>();
        JsonNode published;
        try (ManagementApi client = api.get()) {
            client.listVersions(name).path("versions").forEach(v -> before.add(v.path("version").asText()));
            published = client.publishVersion(name, request);
        }
        output.print(spec.commandLine().getOut(), published, d -> {
            FunctionInfo version = FunctionInfo.from(d);
            return before.contains(version.version())
                    ? "%s version %s already holds $LATEST (revision %s); nothing new published%s%n".formatted(name,
                            version.version(), version.revision(), description == null ? "" : ", --description not applied")
                    : "published %s version %s (revision %s)%n".formatted(name, version.version(), version.revision());
        });
        return 0;
    }
}
