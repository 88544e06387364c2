package dev.nimbus.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the {@code nimbus} command line in-process and captures what it printed.
 *
 * @param exitCode what {@code main} would exit with
 * @param out      standard output
 * @param err      standard error
 */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Shell shell, String... args) {
        CommandLine cli = NimbusCli.commandLine(shell);
        var out = new StringWriter();
        var err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Runs against {@code server} through {@code NIMBUS_URL}. */
    public static CliRun run(FakeNimbus server, String... args) {
        return run(Shell.of(java.util.Map.of("NIMBUS_URL", server.url())), args);
    }
}
