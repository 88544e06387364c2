package dev.nimbus.cli.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.CodeRef;
import dev.nimbus.cli.api.FunctionInfo;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nimbus deploy [SOURCE]}: uploads the code, then creates the function's next revision. */
@Command(name = "deploy", description = {"Deploy a function from a directory, a .zip or a .jar.",
                "Settings come from SOURCE/nimbus.yaml when present; flags override them."})
public final class DeployCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", defaultValue = ".",
            description = "directory, .zip or .jar (default: the current directory)")
    private Path source;

    @Option(names = "--name", paramLabel = "NAME", description = "function name (default: the directory or archive name)")
    private String name;

    @Option(names = "--runtime", paramLabel = "RUNTIME", description = "python3, nodejs, java or provided")
    private String runtime;

    @Option(names = "--handler", paramLabel = "HANDLER", description = "e.g. app.handler (python3), index.handler (nodejs)")
    private String handler;

    @Option(names = "--memory", paramLabel = "MB", description = "memory in MB")
    private Integer memoryMb;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "timeout per invocation, in seconds")
    private Integer timeoutSeconds;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "environment variable (repeatable)")
    private Map<String, String> environment;

    @Option(names = "--description", paramLabel = "TEXT", description = "free text")
    private String description;

    @Option(names = "--scaling", paramLabel = "KEY=VALUE",
            description = "scaling setting, e.g. minInstances=1 or metric=cpu (repeatable; see docs/scaling.md)")
    private Map<String, String> scaling;

    @Option(names = "--concurrency", paramLabel = "N", description = "most instances at once")
    private Integer concurrency;

    @Option(names = "--egress", negatable = true, description = "let instances reach the internet (public addresses"
            + " only); --no-egress takes it away")
    private Boolean egress;

    @Mixin
    private OutputOption output;

    public DeployCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        requireUsable(source, "SOURCE");
        DeploySettings settings;
        byte[] archive;
        try {
            DeploySettings file = Files.isDirectory(source) ? ProjectFile.readFrom(source) : DeploySettings.NONE;
            settings = file.overriddenBy(flags());
            if (settings.name() == null) {
                settings = settings.withName(defaultName());
            }
            Path code = settings.code() == null ? source : source.resolve(settings.code());
            if (settings.code() != null) {
                requireUsable(code, ProjectFile.FILE_NAME + ": code");
            }
            archive = SourceArchive.of(code);
        } catch (BadSourceException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ManagementApi client = api.get()) {
            CodeRef code = client.uploadCode(archive);
            JsonNode function = client.putFunction(settings.name(), settings.toRequest(code.sha256()));
            String functionName = settings.name();
            output.print(spec.commandLine().getOut(), function, d -> forPeople(client, functionName, FunctionInfo.from(d)));
        }
        return 0;
    }

    /** A directory, a .zip or a .jar that exists; {@code what} names where the path came from. */
    private void requireUsable(Path path, String what) {
        if (Files.isDirectory(path)) {
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new ParameterException(spec.commandLine(), what + " " + path + " does not exist");
        }
        String file = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        if (!file.endsWith(".zip") && !file.endsWith(".jar")) {
            throw new ParameterException(spec.commandLine(),
                    what + " must be a directory, a .zip or a .jar, was '" + path + "'");
        }
    }

    private DeploySettings flags() {
        return new DeploySettings(name, runtime, handler, memoryMb, timeoutSeconds, environment, description,
                concurrency, null, scaling == null ? null : ProjectFile.scaling(scalingNode(scaling)), egress);
    }

    /** {@code --scaling} values as JSON: the metric as text, numbers as numbers (the file's check applies). */
    private static ObjectNode scalingNode(Map<String, String> settings) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        settings.forEach((key, value) -> {
            try {
                node.set(key, key.equals("metric") ? node.textNode(value) : node.numberNode(new BigDecimal(value)));
            } catch (NumberFormatException e) {
                node.put(key, value);
            }
        });
        return node;
    }

    private String defaultName() {
        Path fileName = source.toAbsolutePath().normalize().getFileName();
        if (fileName == null) {
            throw new ParameterException(spec.commandLine(), "cannot name a function after " + source + "; use --name");
        }
        String n = fileName.toString();
        return Files.isDirectory(source) ? n : n.substring(0, n.lastIndexOf('.'));
    }

    private static String forPeople(ManagementApi client, String functionName, FunctionInfo f) {
        return "deployed %s revision %s (%s, %s, %s MB, %s s)%ninvoke: curl -d '{}' %s/fn/%s%n".formatted(functionName,
                f.revision(), f.runtime(), f.handler(), f.memoryMb(), f.timeoutSeconds(), client.baseUri(), functionName);
    }
}
