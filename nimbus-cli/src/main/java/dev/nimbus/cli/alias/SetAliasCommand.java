package dev.nimbus.cli.alias;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.api.AliasInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.api.Saved;
import dev.nimbus.cli.output.OutputOption;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus alias set NAME ALIAS [VERSION] [--weight V=SHARE | --no-weight] [--description TEXT]}:
 * creates the alias or updates it. On update, what is not given stays as it was, the split too;
 * promoting the version that had the split therefore needs {@code --no-weight} with it.
 */
@Command(name = "set", description = {"Create an alias, or update it: what you leave out stays as it was.",
                "Promote a canary with: alias set NAME ALIAS 3 --no-weight"})
public final class SetAliasCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "alias name: letters, digits, - and _, not only digits")
    private String alias;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION",
            description = "version number or $LATEST (required for a new alias)")
    private String version;

    @ArgGroup(exclusive = true)
    private Routing routing;

    static final class Routing {
        @Option(names = "--weight", paramLabel = "VERSION=SHARE", converter = Weight.Converter.class,
                description = {"send SHARE of the invocations to a second version,", "e.g. 3=0.1 or 3=10%%"})
        Weight weight;

        @Option(names = "--no-weight", description = "send every invocation to VERSION (same as --weight none)")
        boolean none;
    }

    @Option(names = "--description", paramLabel = "TEXT", description = "free text")
    private String description;

    @Mixin
    private OutputOption output;

    public SetAliasCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        ObjectNode request = request();
        Saved saved;
        try (ManagementApi client = api.get()) {
            saved = client.putAlias(name, alias, request);
        }
        output.print(spec.commandLine().getOut(), saved.body(), d -> "%s alias %s:%s -> %s%n".formatted(
                saved.created() ? "created" : "updated", name, alias, AliasText.routing(AliasInfo.from(d))));
        return 0;
    }

    private ObjectNode request() {
        if (version == null && routing == null && description == null) {
            throw new ParameterException(spec.commandLine(), "nothing to set: give VERSION, --weight, --no-weight or --description");
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        if (version != null) {
            request.put("version", version);
        }
        if (description != null) {
            request.put("description", description);
        }
        if (routing != null) {
            Weight weight = routing.none ? Weight.NONE : routing.weight;
            if (weight.version() == null) {
                // no additional version with weight 0 is how the API clears a split
                request.putNull("additionalVersion").put("additionalWeight", 0);
            } else {
                request.put("additionalVersion", weight.version()).put("additionalWeight", weight.share());
            }
        }
        return request;
    }
}
