package dev.nimbus.store.code;

import dev.nimbus.core.code.CodeStore;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link CodeStore} on local disk, laid out under {@code <dataDir>/code/}:
 * {@code sha256/<first 2 hex>/<sha256>.zip} (0444), {@code unpacked/<sha256>/} (read-only trees)
 * and {@code tmp/} (uploads in progress, emptied at open).
 *
 * <p>Threading: every method may be called from any thread. {@link #put} writes each upload to
 * its own temporary file and publishes it with an atomic rename, so concurrent puts of the same
 * bytes both succeed and leave one copy. {@link #unpacked} lets the first caller for an archive
 * unpack it while later callers wait for that result (a burst of cold starts unpacks once); the
 * rename in {@link Extractor} keeps this safe across processes too.
 */
final class DiskCodeStore implements CodeStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;

    private final Path archives;
    private final Path unpackedRoot;
    private final Path uploads;
    private final CodeLimits limits;
    private final ConcurrentHashMap<String, CompletableFuture<Path>> unpacking = new ConcurrentHashMap<>();

    private DiskCodeStore(Path codeDir, CodeLimits limits) {
        this.archives = codeDir.resolve("sha256");
        this.unpackedRoot = codeDir.resolve("unpacked");
        this.uploads = codeDir.resolve("tmp");
        this.limits = limits;
    }

    /** Opens the store in {@code codeDir}, clearing what an earlier process left half-done. */
    static DiskCodeStore open(Path codeDir, CodeLimits limits, String bootId) throws IOException {
        var store = new DiskCodeStore(codeDir, limits);
        Files.createDirectories(store.archives);
        Files.createDirectories(store.uploads);
        Files.createDirectories(store.unpackedRoot);
        Extractor.deleteTree(store.uploads);
        Files.createDirectories(store.uploads);
        UnpackedTrees.clean(store.unpackedRoot, bootId);
        return store;
    }

    @Override
    public StoredCode put(InputStream zip) throws IOException {
        Path upload = Files.createTempFile(uploads, "upload-", ".zip");
        try {
            MessageDigest sha = sha256();
            long size = receive(zip, upload, sha);
            try (Archive archive = Archive.open(upload, limits)) {
                archive.readAll();
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            publish(upload, archivePath(hex));
            return new StoredCode(hex, size);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Copies and hashes the upload, reading at most one byte past the limit. */
    private long receive(InputStream in, Path file, MessageDigest sha) throws IOException {
        long max = limits.maxArchiveBytes();
        byte[] buf = new byte[BUFFER];
        long size = 0;
        try (var out = new FileOutputStream(file.toFile())) {
            int n;
            while ((n = in.read(buf, 0, (int) Math.min(buf.length, max + 1 - size))) != -1) {
                size += n;
                if (size > max) {
                    throw Refusal.tooLarge(max);
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            out.getFD().sync();
        }
        return size;
    }

    private static void publish(Path upload, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Files.setPosixFilePermissions(upload, PosixFilePermissions.fromString("r--r--r--"));
        Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Not every file system can sync a directory; the rename itself is already atomic.
        }
    }

    @Override
    public Optional<StoredCode> find(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredCode(sha256, Files.size(archivePath(sha256))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code archive " + sha256, e);
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(archivePath(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Path unpacked(String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        Path dir = unpackedRoot.resolve(sha256);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path archive = archivePath(sha256);
        if (!Files.isRegularFile(archive)) {
            throw new NoSuchFileException(archive.toString(), null, "no stored code archive with this sha256");
        }
        var mine = new CompletableFuture<Path>();
        CompletableFuture<Path> running = unpacking.putIfAbsent(sha256, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Path result = Files.isDirectory(dir) ? dir : Extractor.extract(archive, limits, unpackedRoot, sha256);
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            unpacking.remove(sha256, mine);
        }
    }

    private static Path await(CompletableFuture<Path> running) throws IOException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private Path archivePath(String sha256) {
        return archives.resolve(sha256.substring(0, 2)).resolve(sha256 + ".zip");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
