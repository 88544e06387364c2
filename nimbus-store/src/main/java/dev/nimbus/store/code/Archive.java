package dev.nimbus.store.code;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A zip archive whose entries passed {@link ArchiveCheck}, open for reading. Every byte read out
 * of it is counted against {@link CodeLimits#maxUnpackedBytes()}, whatever the headers claim.
 *
 * <p>Threading: confined to the thread that opened it.
 */
final class Archive implements Closeable {
    enum Kind { DIRECTORY, FILE, SYMLINK }

    /**
     * One checked entry.
     *
     * @param path       normalised path relative to the archive root, e.g. {@code bin/run}
     * @param executable a file to be made executable
     * @param linkTarget the target of a symlink, else null
     */
    record Item(String path, Kind kind, boolean executable, String linkTarget, ZipArchiveEntry entry) {
    }

    private static final int BUFFER = 64 * 1024;

    private final ZipFile zip;
    private final CodeLimits limits;
    private final List<Item> items;
    private long unpacked;

    private Archive(ZipFile zip, CodeLimits limits) {
        this.zip = zip;
        this.limits = limits;
        this.items = ArchiveCheck.check(zip, limits);
    }

    /** Opens and checks a zip file. */
    static Archive open(Path file, CodeLimits limits) throws IOException {
        if (CentralDirectory.count(file, limits.maxEntries()) > limits.maxEntries()) {
            throw Refusal.tooManyEntries(limits.maxEntries());
        }
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(file).get();
        } catch (IOException | RuntimeException e) {
            throw Refusal.notZip();
        }
        try {
            return new Archive(zip, limits);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Entries in archive order, the root directory left out. */
    List<Item> items() {
        return items;
    }

    /** Reads every file to its end: proves the data decompresses, matches its CRC and fits the limit. */
    void readAll() throws IOException {
        for (Item item : items) {
            if (item.kind() == Kind.FILE) {
                copy(item, OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * Copies a file's bytes to {@code out}. Read failures and CRC mismatches refuse the archive;
     * write failures (a full disk) stay plain {@link IOException}s.
     */
    void copy(Item item, OutputStream out) throws IOException {
        ZipArchiveEntry entry = item.entry();
        CRC32 crc = new CRC32();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = open(entry)) {
            int n;
            while ((n = read(entry, in, buf)) != -1) {
                unpacked += n;
                if (unpacked > limits.maxUnpackedBytes()) {
                    throw Refusal.unpacksTooLarge(limits.maxUnpackedBytes());
                }
                crc.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw Refusal.unreadable(entry.getName());
        }
    }

    private InputStream open(ZipArchiveEntry entry) {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw Refusal.unreadable(entry.getName());
        }
    }

    /** Reads no more than one byte past the unpacked limit, so a zip bomb stops there. */
    private int read(ZipArchiveEntry entry, InputStream in, byte[] buf) {
        int wanted = (int) Math.min(buf.length, limits.maxUnpackedBytes() - unpacked + 1);
        try {
            return in.read(buf, 0, wanted);
        } catch (IOException | RuntimeException e) {
            throw Refusal.unreadable(entry.getName());
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
