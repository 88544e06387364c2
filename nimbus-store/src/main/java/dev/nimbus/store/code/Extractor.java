package dev.nimbus.store.code;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Unpacks a stored archive into {@code <root>/<sha256>/}: first into a fresh temporary directory
 * beside it, which is made read-only and then renamed into place in one step, so that no caller
 * and no crash ever sees a half-written tree. Files become 0555 if executable, else 0444;
 * directories 0555. The platform runs functions as its own user for now, so read-only is a
 * guard against accidents rather than a security boundary.
 *
 * <p>Threading: each call builds its own temporary directory; when two calls race, the first
 * rename wins and the other deletes its copy.
 */
final class Extractor {
    static final String TEMP_PREFIX = ".tmp-";
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> READ_EXECUTE = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<PosixFilePermission> OWNER_ALL = PosixFilePermissions.fromString("rwx------");

    private Extractor() {
    }

    static Path extract(Path archive, CodeLimits limits, Path root, String sha256) throws IOException {
        Path target = root.resolve(sha256);
        Path temp = Files.createTempDirectory(root, TEMP_PREFIX + sha256.substring(0, 12) + "-");
        try {
            try (Archive zip = Archive.open(archive, limits)) {
                write(zip, temp);
            }
            makeDirectoriesReadOnly(temp);
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            deleteTree(temp);
        }
        return target;
    }

    private static void write(Archive zip, Path dir) throws IOException {
        List<Archive.Item> links = new ArrayList<>();
        for (Archive.Item item : zip.items()) {
            Path dest = dir.resolve(item.path()).normalize();
            if (!dest.startsWith(dir) || dest.equals(dir)) {
                throw Refusal.entry(item.entry().getName(), "escapes the archive root");
            }
            switch (item.kind()) {
                case DIRECTORY -> Files.createDirectories(dest);
                case FILE -> writeFile(zip, item, dest);
                case SYMLINK -> links.add(item);
            }
        }
        // Symlinks come last, so no file is ever written through one.
        for (Archive.Item link : links) {
            Path dest = dir.resolve(link.path());
            Files.createDirectories(dest.getParent());
            Files.createSymbolicLink(dest, Path.of(link.linkTarget()));
        }
    }

    private static void writeFile(Archive zip, Archive.Item item, Path dest) throws IOException {
        Files.createDirectories(dest.getParent());
        try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW)) {
            zip.copy(item, out);
        }
        Files.setPosixFilePermissions(dest, item.executable() ? READ_EXECUTE : READ_ONLY);
    }

    private static void makeDirectoriesReadOnly(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.setPosixFilePermissions(dir, READ_EXECUTE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree, read-only or not, without following symlinks; nothing if it is absent. */
    static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, OWNER_ALL);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
