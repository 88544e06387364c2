package dev.nimbus.server.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Every configuration key with its default, in one place. Keys are dotted YAML paths
 * ({@code pool.queue-timeout}); the matching environment variable is {@code NIMBUS_} plus the key
 * upper-cased with '.' and '-' as '_' ({@code NIMBUS_POOL_QUEUE_TIMEOUT}).
 */
public final class ConfigKeys {
    public static final SequencedMap<String, String> DEFAULTS = defaults();

    private ConfigKeys() {
    }

    private static SequencedMap<String, String> defaults() {
        var d = new LinkedHashMap<String, String>();
        d.put("host", "127.0.0.1");
        d.put("port", "8080");
        d.put("http.max-connections", "4096");
        d.put("http.header-timeout", "60s");
        d.put("http.body-timeout", "5m");
        d.put("data-dir", ".nimbus-data");
        d.put("pool.queue-timeout", "10s");
        d.put("pool.queue-depth", "100");
        d.put("pool.init-timeout", "10s");
        d.put("pool.max-instances", "1000");
        d.put("pool.max-memory", "0");
        d.put("runtimes.python", "/usr/bin/python3");
        d.put("runtimes.node", "");
        d.put("runtimes.java-home", "");
        d.put("runtimes.java-runtime-jar", "");
        d.put("runtimes.java-aot-dir", "");
        d.put("logs.max-bytes-per-function", "5MB");
        d.put("logs.server-format", "json");
        d.put("observability.records-per-function", "1000");
        d.put("observability.records-max-age", "24h");
        d.put("observability.records-max-bytes", "128MB");
        d.put("observability.otlp-endpoint", "");
        d.put("auth.mode", "on");
        d.put("auth.admin-key", "");
        d.put("auth.access-keys", "");
        d.put("events.workers", "8");
        d.put("events.max-retries", "2");
        d.put("events.max-age", "6h");
        d.put("events.retry-base", "10s");
        d.put("events.retry-cap", "5m");
        d.put("storage.max-object-size", "1GB");
        d.put("storage.region", "us-east-1");
        d.put("isolation", "best-effort");
        d.put("sandbox.writable-paths", "");
        d.put("sandbox.run-as", "65534:65534");
        d.put("sandbox.warm", "4");
        d.put("secrets.master-key", "");
        d.put("secrets.master-key-file", "");
        return java.util.Collections.unmodifiableSequencedMap(d);
    }

    public static String envName(String key) {
        return "NIMBUS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The defaults overlaid with {@code overrides}; unknown keys are refused with the list of known ones. */
    static Map<String, String> overlay(Map<String, String> base, Map<String, String> overrides, String source) {
        var out = new LinkedHashMap<>(base);
        overrides.forEach((k, v) -> {
            if (!DEFAULTS.containsKey(k)) {
                throw new ConfigException("unknown configuration key '" + k + "' in " + source
                        + "; known keys: " + String.join(", ", DEFAULTS.keySet()));
            }
            out.put(k, v);
        });
        return out;
    }
}
