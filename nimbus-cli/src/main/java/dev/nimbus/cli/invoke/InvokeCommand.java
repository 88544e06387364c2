package dev.nimbus.cli.invoke;

import dev.nimbus.cli.api.Invocation;
import dev.nimbus.cli.api.ManagementApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus invoke NAME[:QUALIFIER]}: prints what the function returned on stdout. When the function
 * itself fails, its error document still goes to stdout (it is the function's answer), a one-line
 * summary goes to stderr, and the exit code is 1.
 */
@Command(name = "invoke", description = "Invoke a function and print its result.")
public final class InvokeCommand implements Callable<Integer> {
    /** Payloads are read whole; well above Lambda's 6 MB so that the server, not the CLI, says no. */
    static final int MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

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
        if (async) {
            try (ManagementApi client = api.get()) {
                out.println(client.invokeAsync(name, body).path("id").asText());
            }
            out.flush();
            return 0;
        }
        Invocation result;
        try (ManagementApi client = api.get()) {
            result = client.invoke(name, body);
        }
        String text = new String(result.body(), StandardCharsets.UTF_8);
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.println();
        }
        out.flush();
        if (result.functionError().isPresent()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: function " + name + " failed with " + result.functionError().get()
                    + result.requestId().map(id -> " (request " + id + ")").orElse(""));
            err.flush();
            return 1;
        }
        return 0;
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
