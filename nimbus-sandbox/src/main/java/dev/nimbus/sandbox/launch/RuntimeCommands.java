package dev.nimbus.sandbox.launch;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.secret.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds the command line and environment of an instance for each runtime (lambda-compat.md §2). */
public final class RuntimeCommands {
    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    /** Path of the publishing endpoint under {@link Endpoints#services()}. */
    public static final String EVENTS_PATH = "/api/v1/events";
    /** Path of the S3 API under {@link Endpoints#services()}. */
    public static final String S3_PATH = "/s3";
    private final RuntimeConfig config;
    /** {@link #sharedReadOnly()}, worked out once: {@link #startsAhead} asks on every cold start. */
    private final List<Path> shared;
    private final Function<String, String> publishTokens;
    private final Function<String, Optional<String>> secrets;

    /**
     * @param publishTokens the token a function publishes events with, by function name
     * @param secrets       the value of a secret by name, for the environment variables that refer
     *                      to one ({@code ${secret:NAME}}; see {@link Secrets})
     */
    public RuntimeCommands(RuntimeConfig config, Function<String, String> publishTokens,
                           Function<String, Optional<String>> secrets) {
        this.config = config;
        this.shared = findShared();
        this.publishTokens = publishTokens;
        this.secrets = secrets;
    }

    /**
     * The launch of one instance of {@code revision} whose code is unpacked in {@code codeDir} and
     * which reaches the platform at {@code endpoints}. Nimbus's own runtimes talk to the Runtime API
     * over its Unix socket where there is one.
     *
     * @throws LaunchRefusedException if a provided function has no executable bootstrap
     */
    public LaunchSpec launch(FunctionRevision revision, Path codeDir, Endpoints endpoints, String logStream) {
        var fn = revision.config();
        List<String> command = switch (fn.runtime()) {
            case PYTHON3 -> List.of(config.python().toString(), config.bootstrapDir().resolve("python/bootstrap.py").toString());
            case NODEJS -> List.of(config.node().toString(), config.bootstrapDir().resolve("node/bootstrap.mjs").toString());
            case JAVA -> java(fn.memoryMb(), fn.handler());
            case PROVIDED -> List.of(providedBootstrap(codeDir).toString());
        };
        var secretFiles = new HashMap<String, String>();
        return new LaunchSpec(command, codeDir, environment(revision, codeDir, endpoints, logStream, secretFiles),
                revision.config().memoryMb(), readOnly(fn.runtime(), codeDir), fn.runtime() != Runtime.PROVIDED,
                secretFiles, fn.egress());
    }

    /**
     * What a sandbox started ahead mounts read-only besides {@code /usr}, for whichever function
     * takes it: the bootstraps and each runtime's installation, those that exist and are not a
     * home directory (a node under {@code ~/bin} would show the whole home to every function; such
     * a runtime's functions start in sandboxes of their own, which mount it for them only).
     */
    public List<Path> sharedReadOnly() {
        return shared;
    }

    private List<Path> findShared() {
        Path none = Path.of("/nonexistent-code");
        var paths = new java.util.ArrayList<Path>();
        java.util.Arrays.stream(Runtime.values()).forEach(r -> paths.addAll(readOnly(r, none)));
        paths.removeIf(p -> p.equals(none) || p.equals(config.javaAotCache()));
        if (config.javaAotCache() != null) {
            paths.add(config.javaAotCache().getParent()); // its own directory: the cache may appear later
        }
        return paths.stream().distinct().filter(p -> Files.exists(p) && !isHome(p)).toList();
    }

    /**
     * Whether an instance of {@code revision} may start in a sandbox started ahead: it needs no
     * egress, no secret given as a file, and nothing mounted beyond {@link #sharedReadOnly()}.
     */
    public boolean startsAhead(FunctionRevision revision) {
        var fn = revision.config();
        if (fn.egress() || fn.environment().values().stream().anyMatch(Secrets::isFileReference)) {
            return false;
        }
        Path none = Path.of("/nonexistent-code");
        return readOnly(fn.runtime(), none).stream().filter(p -> !p.equals(none))
                .allMatch(p -> shared.contains(p) || p.equals(config.javaAotCache()));
    }

    /** {@code /root}, {@code /home/<user>} or the server user's home. */
    private static boolean isHome(Path p) {
        Path home = Path.of(System.getProperty("user.home", "/root")).toAbsolutePath().normalize();
        return p.equals(home) || p.equals(Path.of("/root"))
                || p.getParent() != null && p.getParent().equals(Path.of("/home"));
    }

    /**
     * What an instance must see of the host besides {@code /usr}: its code, the bootstraps, and the
     * runtime where it is installed elsewhere (a JDK in /opt, a node under the user's home).
     */
    private List<Path> readOnly(Runtime runtime, Path codeDir) {
        var paths = new java.util.ArrayList<>(List.of(codeDir, config.bootstrapDir()));
        switch (runtime) {
            case PYTHON3 -> paths.add(installation(config.python()));
            case NODEJS -> paths.add(installation(config.node()));
            case JAVA -> {
                paths.add(config.javaHome());
                paths.add(config.javaRuntimeJar());
                if (config.javaAotCache() != null && Files.isRegularFile(config.javaAotCache())) {
                    paths.add(config.javaAotCache());
                }
            }
            case PROVIDED -> { }
        }
        return paths.stream().filter(p -> !p.startsWith("/usr/")).distinct().toList();
    }

    /** The installation an executable belongs to: {@code <prefix>} of {@code <prefix>/bin/<name>}, symlinks followed. */
    private static Path installation(Path executable) {
        try {
            Path real = executable.toRealPath();
            Path bin = real.getParent();
            return bin.getParent() != null && bin.getFileName().toString().equals("bin") ? bin.getParent() : bin;
        } catch (java.io.IOException e) {
            return executable;
        }
    }

    /**
     * The JVM of a Java instance: serial GC and C1 only (fastest start for small heaps), the heap
     * bound by the function's memory, and the AOT cache once it exists ({@code -XX:AOTCache} and
     * any {@code -Xshare} flag exclude each other; an unusable cache must not print into the logs).
     */
    private List<String> java(int memoryMb, String handler) {
        var command = new java.util.ArrayList<>(List.of(config.javaHome().resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAM=" + memoryMb + "m"));
        if (config.javaAotCache() != null && Files.isRegularFile(config.javaAotCache())) {
            command.add("-XX:AOTCache=" + config.javaAotCache());
            command.add("-Xlog:aot*=off,cds*=off");
        } else {
            command.add("-Xshare:auto");
        }
        command.addAll(List.of("-cp", config.javaRuntimeJar().toString(), "dev.nimbus.runtime.java.Bootstrap", handler));
        return command;
    }

    private static Path providedBootstrap(Path codeDir) {
        Path bootstrap = codeDir.resolve("bootstrap");
        if (!Files.isRegularFile(bootstrap) || !Files.isExecutable(bootstrap)) {
            throw new LaunchRefusedException("Runtime.InvalidEntrypoint", "Couldn't find valid bootstrap(s): [/var/task/bootstrap]");
        }
        return bootstrap;
    }

    /**
     * User variables first, then the reserved Lambda variables on top so that they win; keys starting
     * with '_' from the user are dropped (lambda-compat.md §2.1). The secrets given as files go to
     * {@code secretFiles} (name to value), the variable naming their path.
     */
    private Map<String, String> environment(FunctionRevision revision, Path codeDir, Endpoints endpoints,
                                            String logStream, Map<String, String> secretFiles) {
        var fn = revision.config();
        var env = new HashMap<String, String>();
        env.put("PATH", PATH);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("HOME", "/tmp");
        fn.environment().forEach((k, v) -> {
            if (k.startsWith("_")) {
                return;
            }
            String secret = Secrets.reference(v).orElse(null);
            if (secret == null) {
                env.put(k, v);
                return;
            }
            String value = secrets.apply(secret).orElseThrow(() -> new IllegalStateException("the environment variable "
                    + k + " refers to the secret " + secret + ", which no longer exists"));
            if (Secrets.isFileReference(v)) {
                secretFiles.put(secret, value);
                env.put(k, Secrets.FILES + "/" + secret);
            } else {
                env.put(k, value);
            }
        });
        env.put("AWS_LAMBDA_RUNTIME_API", endpoints.runtimeApi());
        if (endpoints.runtimeApiSocket() != null && fn.runtime() != Runtime.PROVIDED) {
            env.put("NIMBUS_RUNTIME_API_SOCKET", endpoints.runtimeApiSocket());
        }
        env.put("_HANDLER", fn.handler());
        env.put("LAMBDA_TASK_ROOT", codeDir.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", revision.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", revision.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(fn.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + revision.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("NIMBUS_EVENTS_URL", endpoints.services() + EVENTS_PATH);
        env.put("NIMBUS_EVENTS_TOKEN", publishTokens.apply(revision.name()));
        env.putIfAbsent("AWS_ENDPOINT_URL_S3", endpoints.services() + S3_PATH); // a function may point at another store
        switch (fn.runtime()) {
            case PYTHON3 -> {
                env.put("PYTHONUNBUFFERED", "1");
                env.put("PYTHONDONTWRITEBYTECODE", "1");
                env.put("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11");
            }
            case NODEJS -> {
                env.put("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x");
                env.put("NODE_PATH", config.bootstrapDir().resolve("node/lib").toString()); // require('nimbus')
            }
            case JAVA -> env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
            case PROVIDED -> { }
        }
        return env;
    }
}
