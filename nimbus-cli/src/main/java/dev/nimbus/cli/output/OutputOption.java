package dev.nimbus.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The {@code -o/--output} option every command shares (a picocli mixin), and the one way they
 * print with it: the server's document for scripts, or a rendering of it for people. A command
 * whose server answer has no body (a delete's 204) prints a small document saying what was done.
 */
public final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            completionCandidates = OutputFormat.Names.class,
            description = "table or json (default: table)")
    private OutputFormat format;

    /** Prints {@code document} as JSON, or as {@code forPeople} renders it, and flushes. */
    public void print(PrintWriter out, JsonNode document, Function<JsonNode, String> forPeople) {
        out.print(format == OutputFormat.JSON ? Text.json(document) : forPeople.apply(document));
        out.flush();
    }

    /** Prints {@code document} as JSON, or the line {@code forPeople}, and flushes. */
    public void print(PrintWriter out, JsonNode document, String forPeople) {
        print(out, document, d -> forPeople + System.lineSeparator());
    }

    /** Whether scripts read the output. */
    public boolean json() {
        return format == OutputFormat.JSON;
    }
}
