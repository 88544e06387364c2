package dev.nimbus.store.code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zip archives in memory, including the hostile ones no well-behaved tool would write. */
final class TestZip {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

    /** A file with no unix mode recorded, as zips made on Windows. */
    TestZip file(String name, String content) {
        return add(new ZipArchiveEntry(name), content.getBytes(StandardCharsets.UTF_8));
    }

    TestZip file(String name, byte[] content, int mode) {
        var entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0100000 | mode);
        return add(entry, content);
    }

    TestZip file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    TestZip directory(String name) {
        var entry = new ZipArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setUnixMode(0040755);
        return add(entry, new byte[0]);
    }

    TestZip symlink(String name, String target) {
        var entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0120777);
        return add(entry, target.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry with an explicit unix mode including the file type bits, e.g. 0020644 for a device. */
    TestZip special(String name, int mode) {
        var entry = new ZipArchiveEntry(name);
        entry.setUnixMode(mode);
        return add(entry, new byte[0]);
    }

    private TestZip add(ZipArchiveEntry entry, byte[] content) {
        try {
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        try {
            zip.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets the "encrypted" flag of every entry in its local and central-directory headers, as a
     * password-protected archive has (no writer makes one); the data itself stays as it was.
     */
    static byte[] flaggedEncrypted(byte[] zip) {
        byte[] out = zip.clone();
        for (int i = 0; i + 10 <= out.length; i++) {
            if (out[i] == 0x50 && out[i + 1] == 0x4b && out[i + 2] == 0x03 && out[i + 3] == 0x04) {
                out[i + 6] |= 1;
            } else if (out[i] == 0x50 && out[i + 1] == 0x4b && out[i + 2] == 0x01 && out[i + 3] == 0x02) {
                out[i + 8] |= 1;
            }
        }
        return out;
    }

    /** Rewrites the uncompressed size recorded in every central-directory header: a lying archive. */
    static byte[] withDeclaredSize(byte[] zip, int size) {
        byte[] out = zip.clone();
        for (int i = 0; i + 46 <= out.length; i++) {
            if (out[i] == 0x50 && out[i + 1] == 0x4b && out[i + 2] == 0x01 && out[i + 3] == 0x02) {
                for (int b = 0; b < 4; b++) {
                    out[i + 24 + b] = (byte) (size >>> (8 * b));
                }
            }
        }
        return out;
    }
}
