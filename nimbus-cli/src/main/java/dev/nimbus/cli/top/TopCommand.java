package dev.nimbus.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus top [FUNCTION]}: what runs now. Without a function, one line per function with
 * instances (desired and actual, queue, CPU, memory, cold starts, throttles); with one, its
 * instances with their CPU (cores over the last 10 s) and resident memory. Figures are at most
 * one autoscaler tick (2 s) old.
 */
@Command(name = "top", description = "Show running instances with their CPU and memory.")
public final class TopCommand implements Callable<Integer> {
    private static final List<String> FUNCTIONS = List.of("FUNCTION", "DESIRED", "ACTUAL", "STARTING", "IN-FLIGHT",
            "QUEUED", "CPU", "MEMORY", "COLD-STARTS", "THROTTLES");
    private static final List<String> INSTANCES = List.of("VERSION", "INSTANCE", "STATE", "CPU", "MEMORY", "PEAK",
            "PROVISIONED");

    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOption output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION", description = "Show this function's instances.")
    private String function;

    public TopCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        JsonNode document;
        try (ManagementApi client = api.get()) {
            document = function == null ? client.top() : client.instances(function);
        }
        output.print(spec.commandLine().getOut(), document, function == null ? TopCommand::functions : TopCommand::instances);
        return 0;
    }

    static String functions(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("functions").forEach(f -> rows.add(List.of(f.path("function").asText(),
                f.path("desiredInstances").asText(), f.path("actualInstances").asText(),
                f.path("startingInstances").asText(), f.path("inFlight").asText(), f.path("queued").asText(),
                cores(f.path("cpu").asDouble()), mebibytes(f.path("memoryBytes").asLong()),
                f.path("coldStarts").asText(), f.path("throttles").asText())));
        return rows.isEmpty() ? "No function has instances." + System.lineSeparator() : Text.table(FUNCTIONS, rows);
    }

    static String instances(JsonNode d) {
        List<List<String>> rows = new ArrayList<>();
        d.path("instances").forEach(i -> rows.add(List.of(i.path("version").asText(), i.path("id").asText(),
                i.path("state").asText(), cores(i.path("cpu").asDouble()), mebibytes(i.path("memoryBytes").asLong()),
                mebibytes(i.path("peakMemoryBytes").asLong()), i.path("provisioned").asBoolean() ? "yes" : "no")));
        return rows.isEmpty() ? "No instances." + System.lineSeparator() : Text.table(INSTANCES, rows);
    }

    /** CPU in cores as a percentage of one core: 0.25 is {@code 25%}, two full cores {@code 200%}. */
    private static String cores(double cores) {
        return String.format(Locale.ROOT, "%.0f%%", cores * 100);
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
