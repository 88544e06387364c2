package dev.nimbus.server.config;

import dev.nimbus.core.access.KeyToken;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param auth     authentication: API keys, static SigV4 pairs, the first admin key
 * @param events   asynchronous invocation settings
 * @param storage  object storage settings
 * @param secrets  where the master key of the secrets is
 * @param sandbox  what instances may write and which user they run as
 * @param http     limits on HTTP clients
 * @param observability invocation records, trace export and the server's log format
 * @param isolationRequired whether the server refuses to start without bubblewrap and cgroups
 *                          ({@code isolation: required}) rather than run instances unconfined
 */
public record ServerConfig(String host, int port, Path dataDir, Pool pool, Runtimes runtimes, long logBytes,
                           Auth auth, Events events, Storage storage, boolean isolationRequired,
                           SecretKey secrets, Sandbox sandbox, Http http, Observability observability) {

    /**
     * @param recordsPerFunction invocation records kept per function (the newest)
     * @param recordsMaxAge      no record is kept longer
     * @param recordsMaxBytes    the most memory the records of all functions take together
     * @param otlpEndpoint       an OpenTelemetry collector's OTLP/HTTP base URL spans are sent to, or null
     * @param jsonLogs           whether the server logs JSON lines ({@code logs.server-format: json}) or text
     */
    public record Observability(int recordsPerFunction, Duration recordsMaxAge, long recordsMaxBytes, URI otlpEndpoint,
                                boolean jsonLogs) {
        public Observability {
            if (recordsPerFunction < 1 || recordsMaxAge.isNegative() || recordsMaxAge.isZero() || recordsMaxBytes < 1) {
                throw new ConfigException("observability: records-per-function, records-max-age and records-max-bytes "
                        + "must be positive, were " + recordsPerFunction + ", " + recordsMaxAge + ", " + recordsMaxBytes);
            }
        }
    }

    /**
     * @param writablePaths host directories every instance may write (same paths inside), none by default
     * @param uid           the user instances run as when the server runs as root; -1: the server's
     * @param gid           their group; -1: the server's
     */
    public record Sandbox(List<Path> writablePaths, int uid, int gid, int warm) {
    }

    /**
     * @param maxConnections most client connections at once; more wait to be accepted
     * @param headerTimeout  longest wait for a request's first line and headers; a client slower
     *                       than that (or idle that long between requests) is disconnected
     * @param bodyTimeout    longest wait for a request's body after its headers
     */
    public record Http(int maxConnections, Duration headerTimeout, Duration bodyTimeout) {
    }

    /**
     * The master key of the secrets: {@code key} (base64 of 32 bytes) if set, else the file {@code
     * file} (created with a new key if missing; default {@code <dataDir>/secrets.key}). Never in the
     * database.
     */
    public record SecretKey(String key, Path file) {
        /** Never shows the key. */
        @Override
        public String toString() {
            return "SecretKey[" + (key.isEmpty() ? "file=" + file : "key=(set)") + "]";
        }
    }

    /**
     * @param queueTimeout   longest wait for an instance before a 429
     * @param queueDepth     most invocations waiting per function revision
     * @param initTimeout    longest time a runtime may take to start
     * @param maxInstances   most instances on this node
     * @param maxMemoryBytes most declared function memory on this node; 0: the machine's physical memory
     */
    public record Pool(Duration queueTimeout, int queueDepth, Duration initTimeout, int maxInstances,
                       long maxMemoryBytes) {
    }

    /**
     * @param workers    asynchronous invocations delivered at once
     * @param maxRetries retries of an event whose function failed
     * @param maxAge     an event not delivered by then is dead-lettered
     * @param retryBase  first retry delay (doubling, with jitter)
     * @param retryCap   longest retry delay
     */
    public record Events(int workers, int maxRetries, Duration maxAge, Duration retryBase, Duration retryCap) {
    }

    /**
     * @param maxObjectBytes the largest object a PutObject may store
     * @param region         the {@code awsRegion} of S3 event records
     */
    public record Storage(long maxObjectBytes, String region) {
    }

    /**
     * Empty values mean "find it": node on PATH, the server's own Java, the bundled runtime jar,
     * {@code ~/.cache/nimbus/aot} for the Java runtime's AOT cache ("none" turns the cache off).
     */
    public record Runtimes(String python, String node, String javaHome, String javaRuntimeJar, String javaAotDir) {
    }

    /**
     * @param on         whether every request needs an API key (or a SigV4 signature, on the
     *                   AWS-compatible APIs), except function routes and URLs made public
     * @param accessKeys static SigV4 pairs, access key id → secret key; each acts as an admin key
     * @param adminKey   the first admin key, used only while there is no key at all; null: generate one
     */
    public record Auth(boolean on, Map<String, String> accessKeys, KeyToken adminKey) {
        public Auth {
            accessKeys = Map.copyOf(accessKeys);
        }

        /** Never shows the secrets. */
        @Override
        public String toString() {
            return "Auth[on=" + on + ", accessKeys=" + accessKeys.keySet() + ", adminKey="
                    + (adminKey == null ? "(none)" : adminKey.id()) + "]";
        }
    }

    /** Binds and validates a complete key → value map (see {@link ConfigKeys}). */
    static ServerConfig bind(Map<String, String> v) {
        return new ServerConfig(
                v.get("host"),
                Values.integer(v, "port", 0, 65535),
                Path.of(Values.nonEmpty(v, "data-dir")).toAbsolutePath().normalize(),
                new Pool(Values.duration(v, "pool.queue-timeout", Duration.ZERO, Duration.ofMinutes(15)),
                        Values.integer(v, "pool.queue-depth", 0, 100_000),
                        Values.duration(v, "pool.init-timeout", Duration.ofSeconds(1), Duration.ofMinutes(5)),
                        Values.integer(v, "pool.max-instances", 1, 100_000),
                        Values.size(v, "pool.max-memory", 0, 1L << 50)),
                new Runtimes(v.get("runtimes.python"), v.get("runtimes.node"), v.get("runtimes.java-home"),
                        v.get("runtimes.java-runtime-jar"), v.get("runtimes.java-aot-dir")),
                Values.size(v, "logs.max-bytes-per-function", 64 * 1024, 1L << 30),
                auth(v),
                new Events(Values.integer(v, "events.workers", 1, 1000),
                        Values.integer(v, "events.max-retries", 0, 2),
                        Values.duration(v, "events.max-age", Duration.ofSeconds(60), Duration.ofHours(6)),
                        Values.duration(v, "events.retry-base", Duration.ofMillis(10), Duration.ofMinutes(5)),
                        Values.duration(v, "events.retry-cap", Duration.ofMillis(10), Duration.ofHours(1))),
                new Storage(Values.size(v, "storage.max-object-size", 1, 5L << 30), region(v)),
                switch (v.get("isolation").strip()) {
                    case "best-effort" -> false;
                    case "required" -> true;
                    default -> throw new ConfigException("isolation must be best-effort or required, was '"
                            + v.get("isolation") + "'");
                },
                new SecretKey(v.get("secrets.master-key").strip(), v.get("secrets.master-key-file").isBlank()
                        ? Path.of(Values.nonEmpty(v, "data-dir")).toAbsolutePath().normalize().resolve("secrets.key")
                        : Path.of(v.get("secrets.master-key-file").strip()).toAbsolutePath()),
                new Sandbox(writablePaths(v.get("sandbox.writable-paths")), runAs(v, 0), runAs(v, 1),
                        Values.integer(v, "sandbox.warm", 0, 64)),
                new Http(Values.integer(v, "http.max-connections", 16, 1_000_000),
                        Values.duration(v, "http.header-timeout", Duration.ofSeconds(1), Duration.ofHours(1)),
                        Values.duration(v, "http.body-timeout", Duration.ofSeconds(1), Duration.ofHours(24))),
                new Observability(Values.integer(v, "observability.records-per-function", 1, 100_000),
                        Values.duration(v, "observability.records-max-age", Duration.ofMinutes(1), Duration.ofDays(30)),
                        Values.size(v, "observability.records-max-bytes", 1 << 20, 1L << 40),
                        otlpEndpoint(v.get("observability.otlp-endpoint").strip()),
                        switch (v.get("logs.server-format").strip()) {
                            case "json" -> true;
                            case "text" -> false;
                            default -> throw new ConfigException("logs.server-format must be json or text, was '"
                                    + v.get("logs.server-format") + "'");
                        }));
    }

    private static URI otlpEndpoint(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new ConfigException("observability.otlp-endpoint must be an http(s) URL of an OTLP/HTTP collector such as "
                + "http://127.0.0.1:4318 (spans go to its /v1/traces), or empty, was '" + value + "'");
    }

    private static List<Path> writablePaths(String value) {
        List<Path> paths = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Path path = Path.of(part.strip());
            if (!path.isAbsolute() || path.normalize().getNameCount() == 0 || !path.equals(path.normalize())) {
                throw new ConfigException("sandbox.writable-paths must list absolute, normalised directories other"
                        + " than /, was '" + part.strip() + "'");
            }
            paths.add(path);
        }
        return List.copyOf(paths);
    }

    /** Part {@code part} (0: user, 1: group) of {@code sandbox.run-as}, {@code UID[:GID]}; the group defaults to the uid. */
    private static int runAs(Map<String, String> v, int part) {
        String value = v.get("sandbox.run-as").strip();
        if (value.isEmpty()) {
            return -1;
        }
        if (!value.matches("[0-9]{1,9}(:[0-9]{1,9})?") || value.matches("(.*:)?0+(:.*)?")) {
            throw new ConfigException("sandbox.run-as must be UID or UID:GID (numbers, neither root's 0), or empty to run "
                    + "instances as the server's user, was '" + value + "'");
        }
        String[] ids = value.split(":");
        return Integer.parseInt(ids[Math.min(part, ids.length - 1)]);
    }

    private static String region(Map<String, String> v) {
        String region = v.get("storage.region").strip();
        if (!region.matches("[a-z0-9-]{1,32}")) {
            throw new ConfigException("storage.region must be 1-32 lower-case letters, digits or '-' (e.g. us-east-1), was '"
                    + region + "'");
        }
        return region;
    }

    private static Auth auth(Map<String, String> v) {
        boolean on = switch (v.get("auth.mode").strip()) {
            case "on", "true" -> true; // YAML 1.1 reads an unquoted on as true, off as false
            case "off", "false" -> false;
            default -> throw new ConfigException("auth.mode must be on or off, was '" + v.get("auth.mode") + "'");
        };
        String admin = v.get("auth.admin-key").strip();
        KeyToken adminKey = admin.isEmpty() ? null : KeyToken.parse(admin).orElseThrow(() -> new ConfigException(
                "auth.admin-key must be an API key: NK and 18 characters A-Z or 2-7, '.', and a secret of 43-128"
                        + " characters A-Z a-z 0-9 - _ (as nimbus key create prints)"));
        var keys = new java.util.LinkedHashMap<String, String>();
        String[] entries = v.get("auth.access-keys").split(",");
        for (int i = 0; i < entries.length; i++) {
            String pair = entries[i];
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String id = colon < 0 ? "" : pair.substring(0, colon).strip();
            // errors name the entry by position only: an entry without its colon may be a bare secret
            if (!id.matches("[A-Za-z0-9_-]{4,128}") || colon == pair.length() - 1) {
                throw new ConfigException("auth.access-keys must be a comma-separated list of ACCESS_KEY_ID:SECRET "
                        + "pairs (key ids: 4-128 letters, digits, '-' or '_'); entry " + (i + 1) + " is not");
            }
            if (keys.put(id, pair.substring(colon + 1).strip()) != null) {
                throw new ConfigException("auth.access-keys names the key id " + id + " twice (entry " + (i + 1) + ")");
            }
        }
        return new Auth(on, keys, adminKey);
    }
}
