package dev.nimbus.cli.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.api.Invocation;
import dev.nimbus.cli.api.LogRecord;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus invoke NAME[:QUALIFIER]}: prints what the function returned on stdout. When the function
 * itself fails, its error document still goes to stdout (it is the function's answer), a one-line
 * summary goes to stderr, and the exit code is 1. With {@code -o json} stdout is one document holding
 * the request id, the outcome, the result and, with {@code --logs}, the log lines.
 */
@Command(name = "invoke", description = "Invoke a function and print its result.")
public final class InvokeCommand implements Callable<Integer> {
    /** Payloads are read whole; well above Lambda's 6 MB so that the server, not the CLI, says no. */
    static final int MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;
    /** Reads a function's answer as JSON only if all of it is: {@code 1 apple} stays text. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Supplier<ManagementApi> api;
    private final Supplier<InputStream> stdin;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[:QUALIFIER]",
            description = {"function name, optionally with a version or an alias:", "orders, orders:3, orders:live"})
    private String name;

    @ArgGroup(exclusive = true)
    private Payload payload;

    @Option(names = "--async", description = "queue the invocation durably and print its event id (see nimbus events)")
    private boolean async;

    @Option(names = "--logs", description = "also print the invocation's log lines (on stderr; in -o json, as \"log\")")
    private boolean logs;

    @Mixin
    private OutputOption output;

    static final class Payload {
        @Option(names = "--data", paramLabel = "JSON", description = "payload (default: {})")
        String data;

        @Option(names = "--file", paramLabel = "PATH", description = "read the payload from PATH, or from stdin for -")
        String file;
    }

    public InvokeCommand(Supplier<ManagementApi> api, Supplier<InputStream> stdin) {
        this.api = api;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        byte[] body = payloadBytes();
        PrintWriter out = spec.commandLine().getOut();
        try (ManagementApi client = api.get()) {
            if (async) {
                JsonNode queued = client.invokeAsync(name, body);
                output.print(out, queued, d -> d.path("id").asText() + System.lineSeparator());
                return 0;
            }
            Invocation result = client.invoke(name, body);
            List<LogRecord> log = logs && result.requestId().isPresent()
                    ? InvocationLog.of(client, name, result.requestId().get()) : List.of();
            return print(result, log);
        }
    }

    /** Prints the result (with the log lines asked for) and returns the exit code: 1 when the function failed. */
    private int print(Invocation result, List<LogRecord> log) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = new String(result.body(), StandardCharsets.UTF_8);
        if (output.json()) {
            out.print(Text.json(document(name, result, text, log)));
        } else {
            out.print(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                out.println();
            }
            log.forEach(record -> err.println(record.message().stripTrailing()));
        }
        out.flush();
        if (result.functionError().isPresent()) {
            err.println("error: function " + name + " failed with " + result.functionError().get()
                    + result.requestId().map(id -> " (request " + id + ")").orElse(""));
        }
        err.flush();
        return result.functionError().isPresent() ? 1 : 0;
    }

    /**
     * {@code {"function", "requestId", "status": "success"|"function_error", "functionError"?, "result", "log"?}};
     * the result is the function's JSON, or its text when it returned something else.
     */
    static ObjectNode document(String function, Invocation result, String text, List<LogRecord> log) {
        ObjectNode document = Text.object().put("function", function);
        result.requestId().ifPresent(id -> document.put("requestId", id));
        document.put("status", result.functionError().isPresent() ? "function_error" : "success");
        result.functionError().ifPresent(error -> document.put("functionError", error));
        JsonNode parsed = parse(text);
        if (parsed != null) {
            document.set("result", parsed);
        } else {
            document.put("result", text);
        }
        if (!log.isEmpty()) {
            var lines = document.putArray("log");
            log.forEach(record -> lines.add(record.message().stripTrailing()));
        }
        return document;
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private byte[] payloadBytes() {
        if (payload == null) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        if (payload.data != null) {
            return payload.data.getBytes(StandardCharsets.UTF_8);
        }
        try (InputStream in = payload.file.equals("-") ? stdin.get() : Files.newInputStream(Path.of(payload.file))) {
            byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (bytes.length > MAX_PAYLOAD_BYTES) {
                throw new ParameterException(spec.commandLine(), "payload is larger than 32 MB");
            }
            return bytes;
        } catch (IOException e) {
            String what = payload.file.equals("-") ? "stdin" : payload.file;
            throw new ParameterException(spec.commandLine(), "cannot read --file " + what + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
