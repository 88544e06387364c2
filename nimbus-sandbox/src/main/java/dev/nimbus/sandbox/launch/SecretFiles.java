package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

/**
 * The secrets one instance gets as files: in a memory file system (never on disk), in a directory
 * only the instance's user may enter, inside a parent other users may pass through but not list,
 * removed with the instance. The sandbox sees the directory read-only at
 * {@link dev.nimbus.core.secret.Secrets#FILES}.
 *
 * <p>Threading: {@link #close} may be called more than once, from any thread.
 */
final class SecretFiles implements AutoCloseable {
    private final Path dir;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SecretFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes {@code files} (name to value) to a new directory under {@code root}, owned by {@code
     * uid}:{@code gid} when they are not -1.
     */
    static SecretFiles write(Path root, Map<String, String> files, int uid, int gid) throws IOException {
        Path dir = Files.createDirectory(root.resolve(UUID.randomUUID().toString().substring(0, 8)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        var secrets = new SecretFiles(dir);
        try {
            for (var file : files.entrySet()) {
                Path path = Files.createFile(dir.resolve(file.getKey()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--------"));
                own(path, uid, gid);
            }
            own(dir, uid, gid);
            return secrets;
        } catch (IOException | RuntimeException e) {
            secrets.close();
            throw e;
        }
    }

    private static void own(Path path, int uid, int gid) throws IOException {
        if (uid >= 0) {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        }
    }

    Path dir() {
        return dir;
    }

    /** Removes the files. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Spawner.deleteTree(dir);
        } catch (IOException e) {
            System.getLogger(SecretFiles.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot remove the secret files of an instance in " + dir + ": " + e.getMessage());
        }
    }
}
