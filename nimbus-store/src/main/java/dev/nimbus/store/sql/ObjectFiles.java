package dev.nimbus.store.sql;

import dev.nimbus.core.object.ObjectStore;
import dev.nimbus.core.object.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The bytes of objects, one file per write, named by a random id and never by the key (no key can
 * reach outside the directory): {@code <dir>/<2 hex>/<32 hex>}. A write goes to {@code tmp/},
 * is fsynced, then renamed into place (and the directory fsynced) before its metadata is
 * committed; a replaced or deleted file is removed after the commit. A crash in between leaves a
 * file no row names, removed by {@link #removeOrphans} at the next start. A directory made here
 * is durable before anything is put in it: its parent is fsynced once it is created, or a crash
 * could lose a shard directory, and with it committed objects' bytes.
 *
 * <p>Threading: thread-safe; every write has its own file.
 */
final class ObjectFiles {
    private static final System.Logger LOG = System.getLogger(ObjectFiles.class.getName());
    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER = 64 * 1024;

    private final Path dir;
    private final Path tmp;
    private final Fsync fsync;

    /** Forces a directory's entries to disk. */
    @FunctionalInterface
    interface Fsync {
        void force(Path directory) throws IOException;
    }

    ObjectFiles(Path dir) {
        this(dir, ObjectFiles::fsync);
    }

    /** @param fsync forces directories to disk; tests watch it */
    ObjectFiles(Path dir, Fsync fsync) {
        this.dir = dir;
        this.tmp = dir.resolve("tmp");
        this.fsync = fsync;
        try {
            createDurably(tmp);
        } catch (IOException e) {
            throw new StoreException("cannot create the object directory " + dir, e);
        }
    }

    /** Bytes in {@code tmp/}, fsynced; becomes a blob with {@link #publish}. */
    final class Staged implements ObjectStore.Upload {
        private final Path file;
        private final String blob = UUID.randomUUID().toString().replace("-", "");
        private final long size;
        private final String md5Hex;
        private volatile boolean published;

        private Staged(Path file, long size, String md5Hex) {
            this.file = file;
            this.size = size;
            this.md5Hex = md5Hex;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public String md5Hex() {
            return md5Hex;
        }

        String blob() {
            return blob;
        }

        /** Renames the bytes to their blob name, durably. */
        void publish() throws IOException {
            Path target = path(blob);
            createDurably(target.getParent());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            published = true;
            fsync.force(target.getParent());
        }

        @Override
        public void close() {
            if (!published) {
                deleteQuietly(file);
            }
        }
    }

    Staged stage(InputStream body, long maxBytes) throws IOException {
        Path file = tmp.resolve(UUID.randomUUID() + ".part");
        MessageDigest md5 = md5();
        long size = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = body.read(buffer)) != -1; ) {
                size += n;
                if (size > maxBytes) {
                    throw new StorageException(StorageException.Reason.TOO_LARGE,
                            "Your proposed upload exceeds the maximum allowed object size of " + maxBytes + " bytes.");
                }
                md5.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        return new Staged(file, size, HexFormat.of().formatHex(md5.digest()));
    }

    /** @throws java.nio.file.NoSuchFileException if the blob was deleted meanwhile */
    FileChannel open(String blob) throws IOException {
        return FileChannel.open(path(blob), StandardOpenOption.READ);
    }

    /** Removes a blob no row names any more; a failure only leaves an orphan for the next start. */
    void delete(String blob) {
        deleteQuietly(path(blob));
    }

    /**
     * Deletes what a crash left: everything in {@code tmp/}, and blob files that no row names.
     * {@code referenced} returns the blobs named by rows among those starting with a 2-hex shard.
     */
    int removeOrphans(Function<String, Set<String>> referenced) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp)) {
            for (Path part : parts) {
                removed += deleteQuietly(part) ? 1 : 0;
            }
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir, p -> p.getFileName().toString().matches("[0-9a-f]{2}"))) {
            for (Path shard : shards) {
                Set<String> named = referenced.apply(shard.getFileName().toString());
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(shard)) {
                    for (Path blob : blobs) {
                        String name = blob.getFileName().toString();
                        if (!BLOB.matcher(name).matches() || !named.contains(name)) {
                            removed += deleteQuietly(blob) ? 1 : 0;
                        }
                    }
                }
            }
        }
        return removed;
    }

    private Path path(String blob) {
        if (!BLOB.matcher(blob).matches()) {
            throw new IllegalArgumentException("not a blob name: " + blob);
        }
        return dir.resolve(blob.substring(0, 2)).resolve(blob);
    }

    /**
     * Creates {@code directory} and any missing parents, fsyncing the parent of each one created.
     * Two writers may create the same shard at once: both fsync, which is harmless.
     */
    private void createDurably(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        createDurably(parent);
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
        fsync.force(parent);
    }

    private static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + file + "; it is removed at the next start", e);
            return false;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
