package dev.nimbus.cli.logs;

import dev.nimbus.cli.api.LogRecord;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.io.PrintWriter;
import java.util.OptionalInt;
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
 * {@code nimbus logs NAME}: the most recent log lines, oldest first; with {@code --follow}, new
 * lines as they are written, until interrupted or the server ends the stream. With {@code -o json},
 * each record is the server's JSON object on a line of its own (JSON Lines), followed or not.
 */
@Command(name = "logs", description = "Print a function's log lines.")
public final class LogsCommand implements Callable<Integer> {
    private final Supplier<ManagementApi> api;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Option(names = "--limit", paramLabel = "N", description = {"at most N recent lines (default: the server's);",
                    "with --follow, 0 prints only new lines"})
    private Integer limit;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines as they arrive")
    private boolean follow;

    @Mixin
    private OutputOption output;

    public LogsCommand(Supplier<ManagementApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 0, was " + limit);
        }
        OptionalInt max = limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
        PrintWriter out = spec.commandLine().getOut();
        try (ManagementApi client = api.get()) {
            if (follow) {
                client.followLogs(name, max, record -> {
                    out.print(line(record));
                    out.flush();
                });
            } else {
                client.logs(name, max).forEach(record -> out.print(line(record)));
            }
        }
        out.flush();
        return 0;
    }

    private String line(LogRecord record) {
        return output.json() ? Text.jsonLine(record.document()) : LogLine.format(record) + System.lineSeparator();
    }
}
