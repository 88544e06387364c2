package dev.nimbus.cli;

import dev.nimbus.cli.alias.AliasCommand;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.completion.CompletionCommand;
import dev.nimbus.cli.deploy.DeployCommand;
import dev.nimbus.cli.functions.DeleteCommand;
import dev.nimbus.cli.functions.GetCommand;
import dev.nimbus.cli.functions.ListCommand;
import dev.nimbus.cli.events.DeliveryCommand;
import dev.nimbus.cli.events.DlqCommand;
import dev.nimbus.cli.events.EventsCommand;
import dev.nimbus.cli.schedule.ScheduleCommand;
import dev.nimbus.cli.key.KeyCommand;
import dev.nimbus.cli.secret.SecretCommand;
import dev.nimbus.cli.top.TopCommand;
import dev.nimbus.cli.functions.ReserveCommand;
import dev.nimbus.cli.invocations.InvocationsCommand;
import dev.nimbus.cli.invoke.InvokeCommand;
import dev.nimbus.cli.logs.LogsCommand;
import dev.nimbus.cli.namespace.NamespaceCommand;
import dev.nimbus.cli.namespace.NamespaceName;
import dev.nimbus.cli.versions.PublishCommand;
import dev.nimbus.cli.versions.VersionsCommand;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.InstantSource;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code nimbus} root command. Client subcommands reach the server named by {@code --url}
 * (inherited by every subcommand), else {@code NIMBUS_URL}, else {@value #DEFAULT_URL}, with the
 * API key {@link Credentials} finds, acting in the namespace named by {@code --namespace}, else
 * {@code NIMBUS_NAMESPACE}, else the key's own.
 *
 * <p>The server module adds its {@code server} subcommand by passing it to
 * {@link #commandLine(Object...)} and owns the process's real {@code main}.
 */
@Command(name = "nimbus", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        version = "nimbus " + NimbusCli.VERSION,
        description = "Deploy, invoke and inspect functions on a Nimbus server.")
public final class NimbusCli {
    public static final String VERSION = "0.1.0";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String URL_VARIABLE = "NIMBUS_URL";
    static final String NAMESPACE_VARIABLE = "NIMBUS_NAMESPACE";

    private final Shell shell;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = {"Nimbus server (default: $NIMBUS_URL,", "else " + DEFAULT_URL + ")"})
    private String url;

    @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = {"API key (default: $NIMBUS_API_KEY, else the server's", "admin.key in $NIMBUS_DATA_DIR or"
                    + " .nimbus-data when", "the server is on this machine); prefer the variable:",
                    "arguments show in the process list"})
    private String apiKey;

    @Option(names = "--namespace", paramLabel = "NS", scope = ScopeType.INHERIT,
            description = "namespace to act in (default: $NIMBUS_NAMESPACE, else the API key's own); only admin keys"
                    + " of 'default' may name another")
    private String namespace;

    private NimbusCli(Shell shell) {
        this.shell = shell;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line for this process, with {@code extraSubcommands} (annotated command objects or
     * {@link CommandLine}s) added after the built-in ones.
     */
    public static CommandLine commandLine(Object... extraSubcommands) {
        return commandLine(Shell.system(), extraSubcommands);
    }

    /** As {@link #commandLine(Object...)}, reading environment and standard input from {@code shell}. */
    public static CommandLine commandLine(Shell shell, Object... extraSubcommands) {
        var root = new NimbusCli(shell);
        var cli = new CommandLine(root);
        Supplier<ManagementApi> api = () -> {
            URI server = root.serverUri();
            Credentials.Key key = Credentials.key(root.apiKey, shell.env(), server);
            return ManagementApi.connect(server, key.value(), key.source(), root.namespace());
        };
        cli.addSubcommand(new DeployCommand(api));
        cli.addSubcommand(new InvokeCommand(api, shell::stdin));
        cli.addSubcommand(new ListCommand(api));
        cli.addSubcommand(new TopCommand(api));
        cli.addSubcommand(new EventsCommand(api));
        cli.addSubcommand(new DlqCommand(api));
        cli.addSubcommand(new DeliveryCommand(api));
        cli.addSubcommand(new GetCommand(api));
        cli.addSubcommand(new DeleteCommand(api));
        cli.addSubcommand(new LogsCommand(api));
        cli.addSubcommand(new InvocationsCommand(api, InstantSource.system()));
        cli.addSubcommand(new PublishCommand(api));
        cli.addSubcommand(VersionsCommand.command(api));
        cli.addSubcommand(AliasCommand.command(api));
        cli.addSubcommand(ScheduleCommand.command(api));
        cli.addSubcommand(SecretCommand.command(api, shell::stdin));
        cli.addSubcommand(KeyCommand.command(api));
        cli.addSubcommand(NamespaceCommand.command(api));
        cli.addSubcommand(new ReserveCommand(api));
        for (Object extra : extraSubcommands) {
            cli.addSubcommand(extra);
        }
        cli.addSubcommand(new CompletionCommand());
        cli.addSubcommand(new CommandLine.HelpCommand());
        var errors = new ErrorReport();
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        return cli;
    }

    /**
     * The namespace to send as {@code X-Nimbus-Namespace}, or null for none; a malformed name is a
     * usage error, refused before any request. An empty {@code NIMBUS_NAMESPACE} counts as unset.
     */
    String namespace() {
        String origin = namespace != null ? "--namespace" : NAMESPACE_VARIABLE;
        String value = namespace != null ? namespace : shell.env().apply(NAMESPACE_VARIABLE);
        if (namespace == null && (value == null || value.isBlank())) {
            return null;
        }
        value = value.strip();
        if (NamespaceName.isValid(value)) {
            return value;
        }
        throw new ParameterException(spec.commandLine(), origin + " must be " + NamespaceName.RULE + ", was '" + value + "'");
    }

    /** The server's base URI without a trailing slash; a malformed value is a usage error. */
    URI serverUri() {
        String origin = url != null ? "--url" : URL_VARIABLE;
        String value = url != null ? url : shell.env().apply(URL_VARIABLE);
        if (value == null || value.isBlank()) {
            return URI.create(DEFAULT_URL);
        }
        value = value.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(),
                origin + " must be an http(s) URL such as " + DEFAULT_URL + ", was '" + value + "'");
    }
}
