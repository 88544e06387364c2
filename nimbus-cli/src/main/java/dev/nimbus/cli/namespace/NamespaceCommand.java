package dev.nimbus.cli.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.api.NamespaceInfo;
import dev.nimbus.cli.api.Saved;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus namespace list|get|set|delete}: namespaces (tenants) and their limits. Every other
 * command acts in one through {@code --namespace}; the server decides which keys may do what.
 */
@Command(name = "namespace", description = {"Manage namespaces (tenants) and their limits.",
        "Each namespace has its own functions, topics, buckets, schedules, secrets and keys.",
        "Other commands act in one with --namespace NS or $NIMBUS_NAMESPACE, e.g.",
        "  nimbus namespace set team-a --max-functions 10 --max-code-size 50MB",
        "  nimbus --namespace team-a key create ci --role deployer"})
public final class NamespaceCommand {
    private static final List<String> COLUMNS = List.of("NAME", "FUNCTIONS", "INSTANCES", "KEYS", "MAX CODE SIZE",
            "CREATED");
    private static final String UNLIMITED = "unlimited";

    private NamespaceCommand() {
    }

    public static CommandLine command(Supplier<ManagementApi> api) {
        return new CommandLine(new NamespaceCommand())
                .addSubcommand(new ListAll(api))
                .addSubcommand(new Get(api))
                .addSubcommand(new Set(api))
                .addSubcommand(new Delete(api));
    }

    /** FUNCTIONS and INSTANCES are {@code in use/limit}, e.g. {@code 3/10} or {@code 3/unlimited}. */
    static String table(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("namespaces").forEach(json -> {
            NamespaceInfo n = NamespaceInfo.from(json);
            rows.add(List.of(Text.orDash(n.name()), Text.orDash(n.functions()) + "/" + limit(n.maxFunctions()),
                    Text.orDash(n.instances()) + "/" + limit(n.maxInstances()), Text.orDash(n.keys()),
                    codeSize(n.maxCodeBytes()), Text.time(n.createdAt())));
        });
        return rows.isEmpty() ? "No namespaces." + System.lineSeparator() : Text.table(COLUMNS, rows);
    }

    static String details(JsonNode d) {
        NamespaceInfo n = NamespaceInfo.from(d);
        return new Text.Fields()
                .add("name", Text.orDash(n.name()))
                .add("max functions", limit(n.maxFunctions()))
                .add("max instances", limit(n.maxInstances()))
                .add("max code size", codeSize(n.maxCodeBytes()))
                .add("functions", Text.orDash(n.functions()))
                .add("instances", Text.orDash(n.instances()))
                .add("keys", Text.orDash(n.keys()))
                .add("created", Text.time(n.createdAt()))
                .toString();
    }

    private static String limit(Integer max) {
        return max == null ? UNLIMITED : max.toString();
    }

    private static String codeSize(Long maxBytes) {
        return maxBytes == null ? UNLIMITED : ByteSize.format(maxBytes);
    }

    @Command(name = "list", description = {"List namespaces with their use and limits.",
            "FUNCTIONS and INSTANCES show in use/limit, e.g. 3/10."})
    static final class ListAll implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Mixin
        private OutputOption output;

        ListAll(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                output.print(spec.commandLine().getOut(), client.listNamespaces(), NamespaceCommand::table);
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Show a namespace's limits and what it uses.")
    static final class Get implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Mixin
        private OutputOption output;
        @Parameters(index = "0", paramLabel = "NAME", converter = NamespaceName.Converter.class,
                description = "namespace name")
        private String name;

        Get(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                output.print(spec.commandLine().getOut(), client.getNamespace(name), NamespaceCommand::details);
            }
            return 0;
        }
    }

    @Command(name = "set", description = {"Create a namespace, or replace all its limits: a limit left out is unlimited.",
            "A deploy over a limit fails with QuotaExceeded."})
    static final class Set implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Mixin
        private OutputOption output;
        @Parameters(index = "0", paramLabel = "NAME", converter = NamespaceName.Converter.class,
                description = "namespace name: " + NamespaceName.RULE)
        private String name;
        @Option(names = "--max-functions", paramLabel = "N", description = "most functions (default: unlimited)")
        private Integer maxFunctions;
        @Option(names = "--max-instances", paramLabel = "N",
                description = "most instances running at once (default: unlimited)")
        private Integer maxInstances;
        @Option(names = "--max-code-size", paramLabel = "SIZE", converter = ByteSize.Converter.class,
                description = "largest code archive: bytes, or KB, MB, GB (powers of 1024: 50MB = 50MiB ="
                        + " 52428800 bytes; default: unlimited)")
        private Long maxCodeBytes;

        Set(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            ObjectNode limits = JsonNodeFactory.instance.objectNode()
                    .put("maxFunctions", positive("--max-functions", maxFunctions))
                    .put("maxInstances", positive("--max-instances", maxInstances))
                    .put("maxCodeBytes", maxCodeBytes);
            Saved saved;
            try (ManagementApi client = api.get()) {
                saved = client.putNamespace(name, limits);
            }
            output.print(spec.commandLine().getOut(), saved.body(), d -> (saved.created() ? "created" : "updated")
                    + " namespace " + name + System.lineSeparator() + details(d));
            return 0;
        }

        private Integer positive(String option, Integer value) {
            if (value != null && value < 1) {
                throw new ParameterException(spec.commandLine(), option + " must be at least 1, was " + value
                        + "; leave it out for unlimited");
            }
            return value;
        }
    }

    @Command(name = "delete", description = {"Delete a namespace that holds nothing any more.",
            "It must have no functions, topics, buckets, schedules, secrets or keys left; default cannot be deleted."})
    static final class Delete implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", converter = NamespaceName.Converter.class,
                description = "namespace name")
        private String name;
        @Mixin
        private OutputOption output;

        Delete(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                client.deleteNamespace(name);
            }
            output.print(spec.commandLine().getOut(), Text.object().put("deleted", name).put("kind", "namespace"),
                    "deleted namespace " + name);
            return 0;
        }
    }
}
