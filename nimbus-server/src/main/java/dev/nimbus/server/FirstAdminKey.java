package dev.nimbus.server;

import dev.nimbus.controlplane.access.ApiKeys;
import dev.nimbus.core.access.KeyToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The first admin key of a server with authentication on. While no key exists, {@code auth.admin-key}
 * becomes it if configured; otherwise a new one is generated, printed once on standard output
 * (never to the log) and written to {@code <data-dir>/admin.key} (mode 600), where the CLI on this
 * machine finds it. Later starts print nothing.
 */
final class FirstAdminKey {
    /** The file in the data directory holding the generated first admin key. */
    static final String FILE = "admin.key";
    private static final System.Logger LOG = System.getLogger(FirstAdminKey.class.getName());

    private FirstAdminKey() {
    }

    /**
     * Creates the first admin key if there is no key.
     *
     * @return an admin key this process may use itself: the one just made, {@code configured}, or the
     *         one in {@code admin.key} while it is still valid; null if none
     */
    static KeyToken ensure(ApiKeys keys, KeyToken configured, Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Optional<ApiKeys.Created> created = keys.bootstrap(Optional.ofNullable(configured));
        if (created.isPresent() && configured == null) {
            KeyToken key = created.get().token();
            write(file, key);
            announce(key, file);
            return key;
        }
        if (created.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "created the first admin key " + configured.id() + " from auth.admin-key");
            return configured;
        }
        if (configured != null && keys.authenticate(configured.text()).isPresent()) {
            return configured;
        }
        if (configured != null) {
            LOG.log(System.Logger.Level.WARNING, "auth.admin-key is ignored: API keys exist already and it is not one"
                    + " of them (it is used only to create the first key)");
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return KeyToken.parse(Files.readString(file, StandardCharsets.US_ASCII).strip())
                .filter(k -> keys.authenticate(k.text()).isPresent()).orElse(null);
    }

    private static void write(Path file, KeyToken key) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "admin-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, key.text() + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void announce(KeyToken key, Path file) {
        String line = "=".repeat(100);
        System.out.println(line + "\n"
                + "  Nimbus created the first admin API key. It is shown only this once:\n\n"
                + "      " + key.text() + "\n\n"
                + "  It is also in " + file + " (readable by this user only), where the nimbus CLI on this\n"
                + "  machine finds it. Send it as 'Authorization: Bearer <key>'; as AWS credentials, the part before\n"
                + "  the '.' is the access key id and the rest the secret. Make keys for people and programs with\n"
                + "  'nimbus key create NAME --role admin|deployer|invoker|read-only'.\n"
                + line);
        System.out.flush();
    }
}
