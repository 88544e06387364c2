package dev.nimbus.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.cli.output.OutputOption;
import dev.nimbus.cli.output.Text;
import dev.nimbus.sandbox.launch.Spawner;
import dev.nimbus.server.config.ConfigException;
import dev.nimbus.server.config.ServerConfig;
import dev.nimbus.server.launch.RuntimeLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nimbus doctor}: what a server started with the same options would find on this machine
 * (Java, the instance sandbox, runtimes, data directory, port), without starting one. Exits 1 if a
 * check fails (the server would not start, or nothing could run), 0 otherwise; warnings name what
 * runs less isolated or not at all.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check this machine for a Nimbus server started with the same options, without starting one.")
final class DoctorCommand implements Callable<Integer> {
    private static final long LOW_DISK_BYTES = 1L << 30;

    @Mixin
    private ServerOptions options;

    @Mixin
    private OutputOption output;

    @Spec
    private CommandSpec spec;

    enum Status { OK, WARN, FAIL }

    record Check(String name, Status status, String detail) {
    }

    @Override
    public Integer call() {
        var checks = new ArrayList<Check>();
        int feature = Runtime.version().feature();
        checks.add(new Check("java", feature >= 25 ? Status.OK : Status.FAIL, "Java " + Runtime.version() + " in "
                + System.getProperty("java.home") + (feature >= 25 ? "" : "; Nimbus needs 25 or newer")));
        ServerConfig config;
        try {
            config = options.load();
            checks.add(new Check("config", Status.OK, "valid"));
        } catch (ConfigException e) {
            checks.add(new Check("config", Status.FAIL, e.getMessage()));
            return print(checks);
        }
        try (Spawner spawner = Spawner.detect(config.sandbox().writablePaths(), config.sandbox().uid(),
                config.sandbox().gid(), null, () -> 0)) {
            checks.addAll(sandbox(spawner, config.isolationRequired()));
        }
        for (var executable : RuntimeLocator.executables(config.runtimes())) {
            checks.add(Files.isExecutable(executable.path())
                    ? new Check("runtime " + executable.runtime(), Status.OK, executable.path().toString())
                    : new Check("runtime " + executable.runtime(), Status.WARN, executable.problem()));
        }
        checks.add(dataDir(config.dataDir()));
        checks.add(port(config.host(), config.port()));
        return print(checks);
    }

    /** The instance sandbox as the server would set it up; with {@code isolation: required}, a gap is a failure. */
    static List<Check> sandbox(Spawner spawner, boolean required) {
        Status gap = required ? Status.FAIL : Status.WARN;
        var checks = new ArrayList<Check>();
        checks.add(spawner.containsProcessTrees()
                ? new Check("bubblewrap", Status.OK, "instances get namespaces of their own; no process outlives them")
                : new Check("bubblewrap", gap, "not installed or not usable: instances run as plain process groups, "
                        + "see the whole host and can leave processes behind a server killed with SIGKILL"));
        checks.add(spawner.cgroups().map(c -> new Check("cgroups", Status.OK, c)).orElseGet(() -> new Check("cgroups",
                gap, "no writable cgroups with the memory and pids controllers: instances run without memory, "
                + "process or CPU limits")));
        checks.add(spawner.filtersSystemCalls()
                ? new Check("seccomp", Status.OK, "dangerous system calls are denied")
                : new Check("seccomp", spawner.containsProcessTrees() ? gap : Status.WARN, "no system call filter"));
        checks.add(spawner.isolatesNetwork()
                ? new Check("network", Status.OK, "each instance has a network of its own, reaching only the platform")
                : new Check("network", gap, "instances share the host's network"
                        + (spawner.containsProcessTrees() ? " (install socat)" : "")
                        + ": a function can reach the management API and every service of this host"));
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        checks.add(spawner.offersEgress()
                ? new Check("egress", Status.OK, "functions may opt into internet access (public addresses only)")
                : new Check("egress", Status.WARN, "functions that opt into internet access cannot start: it needs "
                        + (root ? "bubblewrap, socat, slirp4netns, nftables and nsenter" : "a server run as root")));
        checks.add(spawner.user().map(u -> new Check("user", Status.OK, "instances run as " + u))
                .orElseGet(() -> root ? new Check("user", gap, "instances run as root, the server's user (set "
                        + "sandbox.run-as; setpriv from util-linux is needed)")
                        : new Check("user", Status.OK, "instances run as the server's user")));
        return checks;
    }

    private static Check dataDir(Path dir) {
        try {
            Path existing = dir;
            while (!Files.exists(existing) && existing.getParent() != null) {
                existing = existing.getParent();
            }
            if (!Files.isWritable(existing)) {
                return new Check("data-dir", Status.FAIL, existing + " is not writable");
            }
            long free = Files.getFileStore(existing).getUsableSpace();
            String detail = dir + (Files.exists(dir) ? "" : " (created at start)") + ", " + free / (1L << 20) + " MB free";
            if (Files.exists(dir.resolve("server.lock")) && locked(dir.resolve("server.lock"))) {
                return new Check("data-dir", Status.WARN, detail + "; a server is running on it");
            }
            return new Check("data-dir", free < LOW_DISK_BYTES ? Status.WARN : Status.OK, detail
                    + (free < LOW_DISK_BYTES ? "; low on disk" : ""));
        } catch (IOException e) {
            return new Check("data-dir", Status.FAIL, dir + ": " + e.getMessage());
        }
    }

    private static boolean locked(Path lock) throws IOException {
        try (var channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            var held = channel.tryLock();
            if (held != null) {
                held.release();
                return false;
            }
            return true;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        }
    }

    private static Check port(String host, int port) {
        if (port == 0) {
            return new Check("port", Status.OK, "any free port");
        }
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return new Check("port", Status.OK, host + ":" + port + " is free");
        } catch (IOException e) {
            return new Check("port", Status.WARN, host + ":" + port + " cannot be bound (" + e.getMessage()
                    + "); is a server running? choose another with --port");
        }
    }

    private int print(List<Check> checks) {
        var json = new ObjectMapper();
        ObjectNode document = json.createObjectNode();
        ArrayNode list = document.putArray("checks");
        checks.forEach(c -> list.addObject().put("check", c.name()).put("status", c.status().name().toLowerCase())
                .put("detail", c.detail()));
        boolean failed = checks.stream().anyMatch(c -> c.status() == Status.FAIL);
        document.put("ok", !failed);
        PrintWriter out = spec.commandLine().getOut();
        output.print(out, document, DoctorCommand::table);
        return failed ? 1 : 0;
    }

    private static String table(JsonNode document) {
        var rows = new ArrayList<List<String>>();
        document.get("checks").forEach(c -> rows.add(List.of(c.get("check").asText(), c.get("status").asText().toUpperCase(),
                c.get("detail").asText())));
        return Text.table(List.of("CHECK", "STATUS", "DETAIL"), rows);
    }
}
