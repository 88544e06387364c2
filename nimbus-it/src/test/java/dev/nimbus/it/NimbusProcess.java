package dev.nimbus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Nimbus server running as its own process, as a user would start it. */
final class NimbusProcess implements AutoCloseable {
    /**
     * The admin API key every server started by {@link #start} gets as {@code auth.admin-key}; the
     * test clients ({@link Api}, {@link LambdaClients}) send it.
     */
    static final String ADMIN_KEY = "NKTESTADMINKEY234567.nimbus-integration-test-admin-secret-0123456789";
    static final String ADMIN_KEY_ID = ADMIN_KEY.substring(0, ADMIN_KEY.indexOf('.'));
    static final String ADMIN_SECRET = ADMIN_KEY.substring(ADMIN_KEY.indexOf('.') + 1);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private final Process process;
    private final String url;
    /** Everything the server printed so far, appended to as it prints. */
    private final StringBuffer output;

    private NimbusProcess(Process process, String url, StringBuffer output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    /**
     * Starts a server on a free port with {@code dataDir} and {@link #ADMIN_KEY} as its first admin key;
     * {@code settings} are extra {@code key=value} settings.
     */
    static NimbusProcess start(Path dataDir, String... settings) throws IOException {
        var all = new ArrayList<>(List.of("auth.admin-key=" + ADMIN_KEY));
        all.addAll(List.of(settings));
        return startWithout(dataDir, all.toArray(String[]::new));
    }

    /** As {@link #start}, without a configured admin key: the server makes its own at first start. */
    static NimbusProcess startWithout(Path dataDir, String... settings) throws IOException {
        var command = new ArrayList<>(List.of(javaBin(), "--enable-native-access=ALL-UNNAMED", "-jar",
                System.getProperty("nimbus.server.jar"), "server", "--port", "0", "--data-dir", dataDir.toString()));
        for (String s : settings) {
            command.add("--set");
            command.add(s);
            if (s.startsWith("sandbox.writable-paths=")) {
                for (String path : s.substring(s.indexOf('=') + 1).split(",")) {
                    // as an administrator would: instances run as an unprivileged user (sandbox.run-as)
                    java.nio.file.Files.setPosixFilePermissions(Path.of(path),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                }
            }
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var urlFuture = new CompletableFuture<String>();
        var out = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    out.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        urlFuture.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // process ended
            }
            urlFuture.completeExceptionally(new IllegalStateException("server exited before listening:\n" + out));
        });
        try {
            return new NimbusProcess(p, urlFuture.get(60, TimeUnit.SECONDS), out);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not start: " + e.getMessage() + "\n" + out, e);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String url() {
        return url;
    }

    /** What the server printed so far (its log). */
    String output() {
        return output.toString();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the server with SIGKILL, as a crash or the OOM killer would. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the server gracefully (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
