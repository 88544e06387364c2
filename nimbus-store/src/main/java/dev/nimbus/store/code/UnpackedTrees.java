package dev.nimbus.store.code;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Start-up housekeeping of {@code code/unpacked/}. Unpacked trees are a cache of the archives and
 * are not fsynced file by file (an archive of 10,000 files would cost 10,000 fsyncs on every cold
 * start). A process crash is harmless, since a tree appears only by an atomic rename after it was
 * written; but after an OS crash or power loss the rename may have reached the disk before the
 * file contents. So when the kernel's boot id differs from the one recorded beside the trees, all
 * trees are dropped and unpacked again on demand. Temporary trees of a dead process are always
 * dropped.
 */
final class UnpackedTrees {
    static final String BOOT_ID_FILE = ".boot-id";
    private static final Path KERNEL_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private UnpackedTrees() {
    }

    /** The kernel's boot id, or empty where there is none (then trees are kept across restarts). */
    static String currentBootId() {
        try {
            return Files.readString(KERNEL_BOOT_ID).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static void clean(Path root, String bootId) throws IOException {
        Path marker = root.resolve(BOOT_ID_FILE);
        String recorded = Files.exists(marker) ? Files.readString(marker).strip() : "";
        boolean newBoot = !bootId.isEmpty() && !bootId.equals(recorded);
        List<Path> children;
        try (var list = Files.list(root)) {
            children = list.toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.startsWith(Extractor.TEMP_PREFIX) || (newBoot && !name.equals(BOOT_ID_FILE))) {
                Extractor.deleteTree(child);
            }
        }
        if (newBoot) {
            Path temp = Files.createTempFile(root, Extractor.TEMP_PREFIX, ".boot-id");
            Files.writeString(temp, bootId + "\n");
            Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
