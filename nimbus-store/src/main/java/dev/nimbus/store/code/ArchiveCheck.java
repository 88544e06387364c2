package dev.nimbus.store.code;

import dev.nimbus.store.code.Archive.Item;
import dev.nimbus.store.code.Archive.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The entry rules, checked on the central directory before any byte is unpacked: entry count,
 * declared sizes, names (no absolute path, no climbing above the root, no backslash or NUL), types
 * (files, directories and symlinks only), duplicates, no entry below a file or symlink, and
 * symlinks that resolve inside the archive. A file named {@code bootstrap} at the root is
 * executable even without a recorded mode, since zips made on Windows carry none.
 */
final class ArchiveCheck {
    static final int MAX_LINK_TARGET = 4096;
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_SYMLINK = 0120000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_REGULAR = 0100000;

    private ArchiveCheck() {
    }

    static List<Item> check(ZipFile zip, CodeLimits limits) {
        List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
        if (entries.size() > limits.maxEntries()) {
            throw Refusal.tooManyEntries(limits.maxEntries());
        }
        Map<String, Item> byPath = new LinkedHashMap<>();
        long declared = 0;
        for (ZipArchiveEntry entry : entries) {
            Item item = item(zip, entry);
            if (item == null) {
                continue;
            }
            declared += Math.max(0, entry.getSize());
            if (declared > limits.maxUnpackedBytes()) {
                throw Refusal.unpacksTooLarge(limits.maxUnpackedBytes());
            }
            Item previous = byPath.putIfAbsent(item.path(), item);
            if (previous != null && (previous.kind() != Kind.DIRECTORY || item.kind() != Kind.DIRECTORY)) {
                throw Refusal.entry(entry.getName(), "appears twice in the archive");
            }
        }
        checkTree(byPath);
        return List.copyOf(byPath.values());
    }

    /** The checked entry, or null for an entry naming the root directory itself (e.g. {@code ./}). */
    private static Item item(ZipFile zip, ZipArchiveEntry entry) {
        String raw = entry.getName();
        String path = EntryNames.normalize(raw);
        Kind kind = kind(entry);
        if (path.isEmpty()) {
            if (kind == Kind.DIRECTORY) {
                return null;
            }
            throw Refusal.entry(raw, "is not a directory but names the archive root");
        }
        if (kind != Kind.DIRECTORY && !zip.canReadEntryData(entry)) {
            throw Refusal.entry(raw, "is encrypted or uses an unsupported compression method");
        }
        boolean executable = kind == Kind.FILE
                && ((entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && (entry.getUnixMode() & 0111) != 0)
                    || path.equals("bootstrap"));
        String target = kind == Kind.SYMLINK ? linkTarget(zip, entry) : null;
        return new Item(path, kind, executable, target, entry);
    }

    private static Kind kind(ZipArchiveEntry entry) {
        int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_MASK : 0;
        return switch (type) {
            case TYPE_SYMLINK -> Kind.SYMLINK;
            case TYPE_DIRECTORY -> Kind.DIRECTORY;
            case 0, TYPE_REGULAR -> entry.isDirectory() ? Kind.DIRECTORY : Kind.FILE;
            default -> throw Refusal.entry(entry.getName(),
                    "is a device, FIFO or socket; only files, directories and symlinks are allowed");
        };
    }

    private static String linkTarget(ZipFile zip, ZipArchiveEntry entry) {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(MAX_LINK_TARGET + 1);
        } catch (IOException | RuntimeException e) {
            throw Refusal.unreadable(entry.getName());
        }
        String target = new String(bytes, StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_LINK_TARGET
                || target.indexOf('\0') >= 0 || target.indexOf('\\') >= 0) {
            throw Refusal.entry(entry.getName(),
                    "is a symlink whose target is empty, longer than 4096 bytes, or contains a backslash or NUL");
        }
        return target;
    }

    private static void checkTree(Map<String, Item> byPath) {
        Map<String, String> links = new HashMap<>();
        byPath.values().stream().filter(i -> i.kind() == Kind.SYMLINK)
                .forEach(i -> links.put(i.path(), i.linkTarget()));
        for (Item item : byPath.values()) {
            for (String ancestor : EntryNames.ancestors(item.path())) {
                Item above = byPath.get(ancestor);
                if (above != null && above.kind() != Kind.DIRECTORY) {
                    throw Refusal.underNonDirectory(item.entry().getName(), ancestor);
                }
            }
            if (item.kind() == Kind.SYMLINK && !EntryNames.staysInside(item.path(), links)) {
                throw Refusal.entry(item.entry().getName(), "is a symlink pointing outside the archive");
            }
        }
    }
}
