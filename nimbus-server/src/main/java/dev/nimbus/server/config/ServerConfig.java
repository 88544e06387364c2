package dev.nimbus.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole server configuration.
 *
 * @param host     address to listen on
 * @param port     port to listen on, 0 for any free port
 * @param dataDir  directory holding metadata, code and logs (absolute: instances run elsewhere)
 * @param pool     instance pool settings
 * @param runtimes where the language runtimes are
 * @param logBytes size bound of the logs kept per function (twice this at most, with rotation)
 * @param gateway  invoke API settings
 */
public record ServerConfig(String host, int port, Path dataDir, Pool pool, Runtimes runtimes, long logBytes,
                           Gateway gateway) {

    /**
     * @param idleTimeout  idle instances stop after this long
     * @param queueTimeout longest wait for capacity before a 429
     * @param queueDepth   most invocations waiting per function
     * @param initTimeout  longest time a runtime may take to start
     */
    public record Pool(Duration idleTimeout, Duration queueTimeout, int queueDepth, Duration initTimeout) {
    }

    /**
     * @param asyncQueueDepth  most Event invocations waiting in memory
     * @param asyncQueueBytes  most payload bytes of waiting Event invocations
     * @param asyncConcurrency Event invocations running at once
     */
    public record Gateway(int asyncQueueDepth, long asyncQueueBytes, int asyncConcurrency) {
    }

    /**
     * Empty values mean "find it": node on PATH, the server's own Java, the bundled runtime jar,
     * {@code ~/.cache/nimbus/aot} for the Java runtime's AOT cache ("none" turns the cache off).
     */
    public record Runtimes(String python, String node, String javaHome, String javaRuntimeJar, String javaAotDir) {
    }

    /** Binds and validates a complete key → value map (see {@link ConfigKeys}). */
    static ServerConfig bind(Map<String, String> v) {
        return new ServerConfig(
                v.get("host"),
                Values.integer(v, "port", 0, 65535),
                Path.of(Values.nonEmpty(v, "data-dir")).toAbsolutePath().normalize(),
                new Pool(Values.duration(v, "pool.idle-timeout", Duration.ofSeconds(1), Duration.ofDays(1)),
                        Values.duration(v, "pool.queue-timeout", Duration.ZERO, Duration.ofMinutes(15)),
                        Values.integer(v, "pool.queue-depth", 0, 100_000),
                        Values.duration(v, "pool.init-timeout", Duration.ofSeconds(1), Duration.ofMinutes(5))),
                new Runtimes(v.get("runtimes.python"), v.get("runtimes.node"), v.get("runtimes.java-home"),
                        v.get("runtimes.java-runtime-jar"), v.get("runtimes.java-aot-dir")),
                Values.size(v, "logs.max-bytes-per-function", 64 * 1024, 1L << 30),
                new Gateway(Values.integer(v, "gateway.async-queue-depth", 1, 1_000_000),
                        Values.size(v, "gateway.async-queue-bytes", 1024 * 1024, 1L << 40),
                        Values.integer(v, "gateway.async-concurrency", 1, 1000)));
    }
}
