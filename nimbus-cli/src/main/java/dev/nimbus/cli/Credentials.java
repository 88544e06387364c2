package dev.nimbus.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * Which API key the CLI sends: {@code --api-key}, else {@code NIMBUS_API_KEY}, else, for a server
 * on this machine only (a loopback address), the first admin key the server wrote to
 * {@code admin.key} in its data directory ({@code NIMBUS_DATA_DIR}, else {@code .nimbus-data} in
 * the working directory, the server's default). The file is never sent to another host.
 */
final class Credentials {
    static final String KEY_VARIABLE = "NIMBUS_API_KEY";
    static final String DATA_DIR_VARIABLE = "NIMBUS_DATA_DIR";
    static final String DEFAULT_DATA_DIR = ".nimbus-data";
    static final String KEY_FILE = "admin.key";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private Credentials() {
    }

    /**
     * A key and where it came from.
     *
     * @param value  the key, or null for none
     * @param source where it came from, for messages ({@code --api-key}, {@code $NIMBUS_API_KEY} or the
     *               file's path); never the key itself
     */
    record Key(String value, String source) {
        static final Key NONE = new Key(null, null);
    }

    /** The key to send, or null for none (the server then answers 401 unless authentication is off). */
    static String apiKey(String option, Function<String, String> env, URI server) {
        return key(option, env, server).value();
    }

    /** As {@link #apiKey}, with where the key came from. */
    static Key key(String option, Function<String, String> env, URI server) {
        if (option != null && !option.isBlank()) {
            return new Key(option.strip(), "--api-key");
        }
        String variable = env.apply(KEY_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new Key(variable.strip(), "$" + KEY_VARIABLE);
        }
        if (server.getHost() == null || !LOOPBACK.contains(server.getHost().toLowerCase(java.util.Locale.ROOT))) {
            return Key.NONE;
        }
        String dataDir = env.apply(DATA_DIR_VARIABLE);
        Path file = Path.of(dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.strip(), KEY_FILE);
        try {
            return Files.isReadable(file)
                    ? new Key(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString()) : Key.NONE;
        } catch (IOException e) {
            return Key.NONE;
        }
    }
}
