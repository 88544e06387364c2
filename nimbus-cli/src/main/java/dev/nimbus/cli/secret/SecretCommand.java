package dev.nimbus.cli.secret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus secret set|list|delete}: secrets the server keeps encrypted; a function's
 * environment variable {@code NAME=${secret:SECRET}} gets the value in its instances.
 */
@Command(name = "secret", description = "Keep values encrypted on the server and give them to functions as"
        + " environment variables (${secret:NAME}).")
public final class SecretCommand {
    private static final List<String> COLUMNS = List.of("NAME", "CREATED", "UPDATED");

    private SecretCommand() {
    }

    public static CommandLine command(Supplier<ManagementApi> api, Supplier<InputStream> stdin) {
        return new CommandLine(new SecretCommand())
                .addSubcommand(new Set(api, stdin))
                .addSubcommand(new ListAll(api))
                .addSubcommand(new Delete(api));
    }

    static String table(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("secrets").forEach(s -> rows.add(List.of(s.path("name").asText(), s.path("createdAt").asText(),
                s.path("updatedAt").asText())));
        return rows.isEmpty() ? "No secrets." + System.lineSeparator() : Text.table(COLUMNS, rows);
    }

    @Command(name = "set", description = "Create or replace a secret; instances started afterwards get the new value.")
    static final class Set implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        private final Supplier<InputStream> stdin;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "secret name")
        private String name;
        @Mixin
        private OutputOption output;
        @ArgGroup(exclusive = true)
        private Source source;

        static final class Source {
            @Option(names = "--value", paramLabel = "VALUE", description = "the value (visible in shell history;"
                    + " prefer --from-file or standard input)")
            String value;

            @Option(names = {"--from-file", "--file"}, paramLabel = "PATH", description = "read the value from PATH")
            Path file;
        }

        Set(Supplier<ManagementApi> api, Supplier<InputStream> stdin) {
            this.api = api;
            this.stdin = stdin;
        }

        @Override
        public Integer call() {
            String value;
            try {
                value = source != null && source.value != null ? source.value
                        : source != null && source.file != null ? Files.readString(source.file, StandardCharsets.UTF_8)
                        : new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read the value"
                        + (source != null && source.file != null ? " from " + source.file : "") + ": " + e.getMessage());
            }
            JsonNode stored;
            try (ManagementApi client = api.get()) {
                stored = client.putSecret(name, value);
            }
            output.print(spec.commandLine().getOut(), stored, "stored secret " + stored.path("name").asText()
                    + " (refer to it as ${secret:" + name + "})");
            return 0;
        }
    }

    @Command(name = "list", description = "List secrets (never their values).")
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
                output.print(spec.commandLine().getOut(), client.listSecrets(), SecretCommand::table);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a secret no function refers to.")
    static final class Delete implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "secret name")
        private String name;
        @Mixin
        private OutputOption output;

        Delete(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                client.deleteSecret(name);
            }
            output.print(spec.commandLine().getOut(), Text.object().put("deleted", name).put("kind", "secret"),
                    "deleted secret " + name);
            return 0;
        }
    }
}
