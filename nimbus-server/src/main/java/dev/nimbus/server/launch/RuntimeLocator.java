package dev.nimbus.server.launch;

import dev.nimbus.sandbox.launch.RuntimeConfig;
import dev.nimbus.server.config.ConfigException;
import dev.nimbus.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resolves the runtimes configured (or left empty, meaning "find it") into concrete paths, and
 * copies the bootstraps shipped inside the server into the data directory.
 */
public final class RuntimeLocator {
    private static final System.Logger LOG = System.getLogger(RuntimeLocator.class.getName());
    private static final String RESOURCES = "/dev/nimbus/sandbox/runtimes/";
    private static final List<String> BOOTSTRAPS = List.of("python/bootstrap.py", "python/nimbus.py",
            "node/bootstrap.mjs", "node/lib/nimbus.js");

    private RuntimeLocator() {
    }

    public static RuntimeConfig locate(ServerConfig.Runtimes runtimes, Path dataDir) throws IOException {
        Path bootstraps = dataDir.resolve("runtimes");
        for (String name : BOOTSTRAPS) {
            Path target = bootstraps.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = RuntimeLocator.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("the server is missing its bootstrap " + name + "; rebuild it");
                }
                byte[] shipped = in.readAllBytes();
                if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), shipped)) {
                    Files.write(target, shipped); // rewritten only when changed: its compiled cache stays valid
                }
            }
        }
        Path javaHome = runtimes.javaHome().isBlank() ? Path.of(System.getProperty("java.home")) : Path.of(runtimes.javaHome());
        Path jar = javaRuntimeJar(runtimes.javaRuntimeJar());
        var config = new RuntimeConfig(Path.of(runtimes.python()), node(runtimes.node()), javaHome, jar, bootstraps,
                JavaAotCache.prepare(runtimes.javaAotDir(), javaHome, jar).orElse(null));
        for (Executable e : executables(runtimes)) {
            if (!Files.isExecutable(e.path())) {
                LOG.log(System.Logger.Level.WARNING, e.problem());
            }
        }
        precompile(config.python(), bootstraps.resolve("python/bootstrap.py"));
        if (!Files.isRegularFile(config.javaRuntimeJar())) {
            LOG.log(System.Logger.Level.WARNING, "java functions cannot start: " + config.javaRuntimeJar()
                    + " does not exist (set runtimes.java-runtime-jar)");
        }
        return config;
    }

    /**
     * Builds the Python bootstrap's compiled cache beside it, which instances (seeing the directory
     * read-only) cannot write; without it each Python cold start compiles the runtime (~9 ms).
     */
    private static void precompile(Path python, Path bootstrap) {
        if (!Files.isExecutable(python)) {
            return;
        }
        try {
            var builder = new ProcessBuilder(python.toString(), bootstrap.toString()).redirectErrorStream(true);
            builder.environment().put("NIMBUS_PRECOMPILE", "1");
            Process p = builder.start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, "could not build the Python bootstrap's cache; Python cold starts"
                        + " compile it each time");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not build the Python bootstrap's cache: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The executable a runtime's instances start, and the configuration key that names it. */
    public record Executable(String runtime, Path path, String key) {
        /** What is wrong when {@link #path} is not an executable. */
        public String problem() {
            return runtime + " functions cannot start: " + path + " is not an executable (set " + key + ")";
        }
    }

    /** The executable of each runtime as configured, found on PATH where left empty; nothing is written or started. */
    public static List<Executable> executables(ServerConfig.Runtimes runtimes) {
        Path javaHome = runtimes.javaHome().isBlank() ? Path.of(System.getProperty("java.home")) : Path.of(runtimes.javaHome());
        return List.of(new Executable("python3", Path.of(runtimes.python()), "runtimes.python"),
                new Executable("nodejs", node(runtimes.node()), "runtimes.node"),
                new Executable("java", javaHome.resolve("bin/java"), "runtimes.java-home"));
    }

    private static Path node(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return Path.of("/usr/bin/node");
    }

    /**
     * The configured jar, else the system property {@code nimbus.runtime.java.jar}, else
     * {@code nimbus-runtime-java.jar} beside the server's own jar (the distribution layout).
     */
    private static Path javaRuntimeJar(String configured) {
        if (!configured.isBlank()) {
            return requireFile(Path.of(configured), "runtimes.java-runtime-jar");
        }
        String property = System.getProperty("nimbus.runtime.java.jar");
        if (property != null) {
            return requireFile(Path.of(property), "nimbus.runtime.java.jar");
        }
        try {
            Path own = Path.of(RuntimeLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own.resolveSibling("nimbus-runtime-java.jar");
        } catch (URISyntaxException | SecurityException e) {
            return Path.of("nimbus-runtime-java.jar");
        }
    }

    private static Path requireFile(Path path, String key) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(key + " must name an existing jar, was '" + path + "'");
        }
        return path.toAbsolutePath();
    }
}
