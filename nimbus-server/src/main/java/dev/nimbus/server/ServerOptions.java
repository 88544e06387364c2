package dev.nimbus.server;

import dev.nimbus.server.config.ConfigException;
import dev.nimbus.server.config.ConfigLoader;
import dev.nimbus.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say which configuration a server runs with (a picocli mixin of {@code server} and {@code doctor}). */
final class ServerOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file (see nimbus.example.yaml)")
    private Path config;

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1)")
    private String host;

    @Option(names = {"-p", "--port"}, description = "Port to listen on, 0 for any free port (default 8080)")
    private Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default .nimbus-data)")
    private Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any configuration key, e.g. pool.queue-depth=50")
    private Map<String, String> settings = new LinkedHashMap<>();

    /** The configuration: file, then NIMBUS_* variables, then these flags. */
    ServerConfig load() throws ConfigException {
        var flags = new LinkedHashMap<>(settings);
        if (host != null) {
            flags.put("host", host);
        }
        if (port != null) {
            flags.put("port", port.toString());
        }
        if (dataDir != null) {
            flags.put("data-dir", dataDir.toString());
        }
        return ConfigLoader.load(config, System.getenv(), flags);
    }
}
