package dev.nimbus.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus delivery FUNCTION[:QUALIFIER]} shows how the function's asynchronous invocations
 * are delivered; with {@code --max-retries}, {@code --max-age}, {@code --on-success}, {@code
 * --on-failure} or {@code --dead-letter} it replaces that configuration, and {@code --delete}
 * goes back to the server's defaults.
 */
@Command(name = "delivery", description = "Show or set retries, maximum age, destinations and the dead-letter topic"
        + " of a function's asynchronous invocations.")
public final class DeliveryCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOption output;

    @Parameters(index = "0", paramLabel = "FUNCTION[:QUALIFIER]", description = "function, optionally a version or alias")
    private String function;

    @Option(names = "--max-retries", paramLabel = "N", description = "retries after a function error, 0-2")
    private Integer maxRetries;

    @Option(names = "--max-age", paramLabel = "SECONDS", description = "oldest an event may be and still be tried, 60-21600")
    private Integer maxAge;

    @Option(names = "--on-success", paramLabel = "DESTINATION", description = "function:NAME[:QUALIFIER] or topic:NAME")
    private String onSuccess;

    @Option(names = "--on-failure", paramLabel = "DESTINATION", description = "function:NAME[:QUALIFIER] or topic:NAME")
    private String onFailure;

    @Option(names = "--dead-letter", paramLabel = "topic:NAME", description = "topic receiving events given up on")
    private String deadLetter;

    @Option(names = {"--delete", "--clear"}, description = "remove the configuration: the server's defaults apply")
    private boolean delete;

    public DeliveryCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        int colon = function.indexOf(':');
        String name = colon < 0 ? function : function.substring(0, colon);
        String qualifier = colon < 0 ? null : function.substring(colon + 1);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (maxRetries != null) {
            config.put("maxRetries", maxRetries);
        }
        if (maxAge != null) {
            config.put("maxAgeSeconds", maxAge);
        }
        putText(config, "onSuccess", onSuccess);
        putText(config, "onFailure", onFailure);
        putText(config, "deadLetter", deadLetter);
        try (ManagementApi client = api.get()) {
            if (delete) {
                client.deleteDelivery(name, qualifier);
                output.print(spec.commandLine().getOut(), Text.object().put("deleted", function).put("kind", "delivery"),
                        "deleted the delivery configuration of " + function);
            } else if (config.isEmpty()) {
                output.print(spec.commandLine().getOut(), client.getDelivery(name, qualifier), DeliveryCommand::text);
            } else {
                output.print(spec.commandLine().getOut(), client.putDelivery(name, qualifier, config), DeliveryCommand::text);
            }
        }
        return 0;
    }

    private static void putText(ObjectNode config, String field, String value) {
        if (value != null) {
            config.put(field, value);
        }
    }

    static String text(JsonNode c) {
        return new Text.Fields()
                .add("max retries", Text.orDash(c.path("maxRetries").asText(null)))
                .add("max age (s)", Text.orDash(c.path("maxAgeSeconds").asText(null)))
                .add("on success", Text.orDash(c.path("onSuccess").asText(null)))
                .add("on failure", Text.orDash(c.path("onFailure").asText(null)))
                .add("dead letter", Text.orDash(c.path("deadLetter").asText(null)))
                .toString();
    }
}
