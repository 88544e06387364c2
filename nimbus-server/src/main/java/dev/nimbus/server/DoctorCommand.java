package dev.nimbus.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.sandbox.launch.Spawner;
import dev.nimbus.server.Diagnosis.Check;
import dev.nimbus.server.Diagnosis.Isolation;
import dev.nimbus.server.Diagnosis.Status;
import dev.nimbus.server.config.ConfigException;
import dev.nimbus.server.config.ServerConfig;
import dev.nimbus.server.launch.RuntimeLocator;
import dev.nimbus.store.sql.SqlStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nimbus doctor}: what a server started with the same options would find on this machine
 * (Java, the instance sandbox, runtimes, data directory and database, disk, port), without starting
 * one. Gathers the facts here; {@link Diagnosis} judges them. Exits 1 if a check fails (the server
 * would not start, or nothing could run), 0 otherwise; warnings name what runs less isolated or not
 * at all, each with a hint.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check this machine for a Nimbus server started with the same options, without starting one.")
final class DoctorCommand implements Callable<Integer> {
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

    @Mixin
    private ServerOptions options;

    @Mixin
    private OutputOption output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = options.load();
        } catch (ConfigException e) {
            var checks = new ArrayList<>(Diagnosis.java(java()));
            checks.add(new Check("config", Status.FAIL, e.getMessage(), "fix the option, variable or file it names"));
            return print(checks);
        }
        Isolation isolation;
        try (Spawner spawner = Spawner.detect(config.sandbox().writablePaths(), config.sandbox().uid(),
                config.sandbox().gid(), null, () -> 0)) {
            isolation = isolation(spawner, config.isolationRequired());
        }
        var runtimes = RuntimeLocator.executables(config.runtimes()).stream().map(e -> new Diagnosis.RuntimeFound(
                e.runtime(), e.path(), Files.isExecutable(e.path()), e.key())).toList();
        var facts = new Diagnosis.Facts(java(), isolation, runtimes, store(config.dataDir()), disk(config.dataDir()),
                port(config.host(), config.port(), config.dataDir()));
        return print(Diagnosis.checks(facts));
    }

    private static Diagnosis.JavaFacts java() {
        String variable = System.getenv("JAVA_HOME");
        boolean hasJava = variable != null && !variable.isBlank() && Files.isExecutable(Path.of(variable, "bin", "java"));
        return new Diagnosis.JavaFacts(Runtime.version().toString(), Runtime.version().feature(),
                System.getProperty("java.home"), variable, hasJava, hasJava ? releaseVersion(Path.of(variable)) : null);
    }

    /** {@code JAVA_VERSION} of a JDK's {@code release} file, or null. */
    private static String releaseVersion(Path javaHome) {
        try (var lines = Files.lines(javaHome.resolve("release"))) {
            return lines.filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "").strip()).orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static Isolation isolation(Spawner spawner, boolean required) {
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        var namespaces = new Diagnosis.UserNamespaces(procSys("user/max_user_namespaces"),
                procSys("kernel/unprivileged_userns_clone"), procSys("kernel/apparmor_restrict_unprivileged_userns"));
        return new Isolation(required, root, Files.isExecutable(BWRAP), spawner.containsProcessTrees(), namespaces,
                spawner.cgroups(), spawner.filtersSystemCalls(), Files.isExecutable(SOCAT), spawner.isolatesNetwork(),
                spawner.offersEgress(), spawner.user());
    }

    private static Integer procSys(String name) {
        try {
            return Integer.valueOf(Files.readString(Path.of("/proc/sys", name)).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static Diagnosis.Store store(Path dir) {
        Path existing = dir;
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        Path database = dir.resolve(SqlStore.SQLITE_FILE);
        boolean databaseExists = Files.exists(database);
        return new Diagnosis.Store(dir, Files.exists(dir), Files.isWritable(existing) ? existing : null,
                locked(dir.resolve("server.lock")), database, databaseExists, databaseExists ? readError(database) : null);
    }

    /** Why the database cannot be read (opened read-only, so that nothing is changed), or null. */
    private static String readError(Path database) {
        var properties = new Properties();
        properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database, properties);
             var statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static boolean locked(Path lock) {
        if (!Files.exists(lock)) {
            return false;
        }
        try (var channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            var held = channel.tryLock();
            if (held != null) {
                held.release();
                return false;
            }
            return true;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Diagnosis.Disk disk(Path dir) {
        Path existing = dir;
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        try {
            return new Diagnosis.Disk(existing, Files.getFileStore(existing).getUsableSpace());
        } catch (IOException e) {
            return new Diagnosis.Disk(existing, -1);
        }
    }

    private static Diagnosis.Port port(String host, int port, Path dataDir) {
        if (port == 0) {
            return new Diagnosis.Port(host, port, null, null);
        }
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return new Diagnosis.Port(host, port, null, null);
        } catch (IOException e) {
            return new Diagnosis.Port(host, port, String.valueOf(e.getMessage()), nimbusVersion(host, port, apiKey(dataDir)));
        }
    }

    /** The key the CLI would send to a server on this machine: {@code $NIMBUS_API_KEY}, else the data directory's admin.key. */
    private static String apiKey(Path dataDir) {
        String variable = System.getenv("NIMBUS_API_KEY");
        if (variable != null && !variable.isBlank()) {
            return variable.strip();
        }
        try {
            return Files.readString(dataDir.resolve("admin.key")).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The version a Nimbus server at host:port gives on {@code /api/v1/status}; without a key it
     * accepts, a Nimbus server still shows itself by its error document and request id header.
     * Null when what answers (if anything) is not Nimbus.
     */
    private static String nimbusVersion(String host, int port, String apiKey) {
        String target = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
        String authority = target.contains(":") ? "[" + target + "]:" + port : target + ":" + port;
        var request = HttpRequest.newBuilder(URI.create("http://" + authority + "/api/v1/status")).timeout(STATUS_TIMEOUT);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try (var http = HttpClient.newBuilder().connectTimeout(STATUS_TIMEOUT).build()) {
            var response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = new ObjectMapper().readTree(response.body());
            if (response.statusCode() == 200 && status.path("version").isTextual()) {
                return status.path("version").asText();
            }
            boolean nimbusError = status.path("error").path("code").isTextual()
                    && response.headers().firstValue("X-Nimbus-Request-Id").isPresent();
            return nimbusError ? "version not shown: no API key it accepts" : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private int print(List<Check> checks) {
        var json = new ObjectMapper();
        ObjectNode document = json.createObjectNode();
        ArrayNode list = document.putArray("checks");
        checks.forEach(c -> {
            ObjectNode check = list.addObject().put("check", c.name()).put("status", c.status().name().toLowerCase(Locale.ROOT))
                    .put("detail", c.detail());
            if (!c.hint().isEmpty()) {
                check.put("hint", c.hint());
            }
        });
        boolean failed = checks.stream().anyMatch(c -> c.status() == Status.FAIL);
        document.put("ok", !failed);
        PrintWriter out = spec.commandLine().getOut();
        output.print(out, document, DoctorCommand::text);
        return failed ? 1 : 0;
    }

    /**
     * One line per check, {@code STATUS  check  detail}, and under a WARN or FAIL its hint:
     * <pre>
     * WARN  socat            not installed: instances cannot have a network of their own
     *                        hint: apt-get install socat
     * </pre>
     */
    static String text(JsonNode document) {
        int width = 0;
        for (JsonNode c : document.path("checks")) {
            width = Math.max(width, c.path("check").asText().length());
        }
        var text = new StringBuilder();
        String nl = System.lineSeparator();
        for (JsonNode c : document.path("checks")) {
            text.append(String.format(Locale.ROOT, "%-4s  %-" + width + "s  %s", c.path("status").asText().toUpperCase(Locale.ROOT),
                    c.path("check").asText(), c.path("detail").asText()).stripTrailing()).append(nl);
            if (c.hasNonNull("hint")) {
                text.append(" ".repeat(6 + width + 2)).append("hint: ").append(c.path("hint").asText()).append(nl);
            }
        }
        return text.toString();
    }
}
