package dev.nimbus.cli.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.ManagementApi;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus key create|list|delete}: API keys with a role; an admin key is needed. A new key
 * is printed once and cannot be shown again. Keys belong to a namespace: the one the command acts
 * in ({@code --namespace}, else the admin key's own).
 */
@Command(name = "key", description = {"Create, list and delete API keys (admin only).",
        "Keys belong to the namespace the command acts in: --namespace NS, else your key's."})
public final class KeyCommand {
    private static final List<String> COLUMNS = List.of("ID", "NAME", "NAMESPACE", "ROLE", "CREATED");

    private KeyCommand() {
    }

    public static CommandLine command(Supplier<ManagementApi> api) {
        return new CommandLine(new KeyCommand())
                .addSubcommand(new Create(api))
                .addSubcommand(new ListAll(api))
                .addSubcommand(new Delete(api));
    }

    static String table(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("keys").forEach(k -> rows.add(List.of(k.path("id").asText(), k.path("name").asText(),
                Text.orDash(k.path("namespace").asText(null)), k.path("role").asText(), k.path("createdAt").asText())));
        return rows.isEmpty() ? "No keys." + System.lineSeparator() : Text.table(COLUMNS, rows);
    }

    @Command(name = "create", description = "Create a key in the namespace and print it; it is shown this once only.")
    static final class Create implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "what the key is for, e.g. ci-deploy")
        private String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "admin, deployer, invoker or read-only")
        private String role;
        @Mixin
        private OutputOption output;

        Create(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            JsonNode created;
            try (ManagementApi client = api.get()) {
                created = client.createKey(name, role);
            }
            output.print(spec.commandLine().getOut(), created, d -> "created " + d.path("role").asText() + " key "
                    + d.path("id").asText() + " (" + d.path("name").asText() + ")"
                    + (d.hasNonNull("namespace") ? " in namespace " + d.path("namespace").asText() : "")
                    + "; it is shown only now:" + System.lineSeparator() + d.path("key").asText() + System.lineSeparator());
            return 0;
        }
    }

    @Command(name = "list", description = "List the namespace's keys (never their secrets).")
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
                output.print(spec.commandLine().getOut(), client.listKeys(), KeyCommand::table);
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a key; it stops working at once. The last admin key cannot be deleted.")
    static final class Delete implements Callable<Integer> {
        private final Supplier<ManagementApi> api;
        @Spec
        private CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "key id (NK...)")
        private String id;
        @Mixin
        private OutputOption output;

        Delete(Supplier<ManagementApi> api) {
            this.api = api;
        }

        @Override
        public Integer call() {
            try (ManagementApi client = api.get()) {
                client.deleteKey(id);
            }
            output.print(spec.commandLine().getOut(), Text.object().put("deleted", id).put("kind", "key"), "deleted key " + id);
            return 0;
        }
    }
}
