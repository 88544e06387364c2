package dev.nimbus.cli.functions;

import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus reserve NAME N | --clear}: Lambda's reserved concurrency, a cap on the invocations
 * of all the function's versions together. Unlike {@code deploy --concurrency}, which bounds each
 * version's instances, it is not part of a revision: it applies at once and survives deploys.
 */
@Command(name = "reserve", description = {"Cap a function's concurrent invocations (reserved concurrency).",
                "At most N invocations run at once over all its versions together;",
                "0 stops every invocation, --clear removes the cap."})
public final class ReserveCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "concurrent invocations, 0-1000")
    private Integer reserved;

    @Option(names = {"--clear", "--delete"}, description = "remove the reservation")
    private boolean clear;

    @Mixin
    private OutputOption output;

    public ReserveCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        if ((reserved == null) == !clear) {
            throw new ParameterException(spec.commandLine(), reserved == null
                    ? "give N (0-1000) or --clear" : "give either N or --clear, not both");
        }
        try (ManagementApi client = api.get()) {
            if (clear) {
                client.clearReservedConcurrency(name);
            } else {
                client.reserveConcurrency(name, reserved);
            }
        }
        var document = Text.object().put("function", name);
        if (clear) {
            output.print(spec.commandLine().getOut(), document.putNull("reservedConcurrency"),
                    name + ": no reserved concurrency");
        } else {
            output.print(spec.commandLine().getOut(), document.put("reservedConcurrency", reserved),
                    name + ": reserved concurrency " + reserved + " for all versions"
                            + (reserved == 0 ? " (every invocation is throttled)" : ""));
        }
        return 0;
    }
}
