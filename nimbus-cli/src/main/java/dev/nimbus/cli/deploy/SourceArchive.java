package dev.nimbus.cli.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Turns a deploy source into the zip archive the server stores.
 *
 * <p>A directory is zipped in memory with paths relative to it and forward slashes. It is
 * reproducible: entries are sorted and carry one fixed timestamp, so deploying an unchanged
 * directory uploads the same bytes, the same sha256, and the server stores the code once.
 * Skipped: {@code .git/} and {@code __pycache__/} at any depth, {@code node_modules/.cache/}.
 * Symbolic links to files are stored as the file they point to; links to directories are
 * skipped. Unix modes are not stored ({@code java.util.zip} cannot write them): the server marks
 * a root {@code bootstrap} executable.
 *
 * <p>A {@code .zip} or {@code .jar} is sent as it is.
 */
final class SourceArchive {
    /** The server's limit for a code archive (Lambda's for a direct upload), checked before uploading. */
    static final long MAX_BYTES = 50L * 1024 * 1024;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private SourceArchive() {
    }

    static byte[] of(Path source) {
        try {
            return Files.isDirectory(source) ? zipDirectory(source) : readArchive(source);
        } catch (UncheckedIOException e) {
            throw new BadSourceException("cannot read " + source + ": " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new BadSourceException("cannot read " + source + ": " + e.getMessage());
        }
    }

    static byte[] zipDirectory(Path directory) throws IOException {
        var buffer = new BoundedBuffer(directory);
        try (var zip = new ZipOutputStream(buffer)) {
            for (var file : listFiles(directory).entrySet()) {
                var entry = new ZipEntry(file.getKey());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                Files.copy(file.getValue(), zip);
                zip.closeEntry();
            }
        }
        return buffer.toByteArray();
    }

    /** Files to store, by their path in the archive, in archive order. */
    static Map<String, Path> listFiles(Path directory) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean skip = !dir.equals(directory) && isExcluded(dir);
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                    files.put(entryName(directory.relativize(file)), file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static boolean isExcluded(Path dir) {
        Path name = dir.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString();
        Path parent = dir.getParent();
        return n.equals(".git") || n.equals("__pycache__")
                || (n.equals(".cache") && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("node_modules"));
    }

    private static String entryName(Path relative) {
        var name = new StringBuilder();
        for (Path part : relative) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private static byte[] readArchive(Path archive) throws IOException {
        long size = Files.size(archive);
        if (size > MAX_BYTES) {
            throw new BadSourceException(archive + " is larger than " + megabytes(MAX_BYTES) + " MiB");
        }
        return Files.readAllBytes(archive);
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** Holds the zip being written and refuses to grow past {@link #MAX_BYTES}. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final Path directory;

        BoundedBuffer(Path directory) {
            this.directory = directory;
        }

        @Override
        public synchronized void write(int b) {
            ensureRoom(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            ensureRoom(len);
            super.write(b, off, len);
        }

        private void ensureRoom(int more) {
            if (count + (long) more > MAX_BYTES) {
                throw new BadSourceException(directory + " zips to more than " + megabytes(MAX_BYTES) + " MiB");
            }
        }
    }
}
