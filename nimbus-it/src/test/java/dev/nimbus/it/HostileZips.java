package dev.nimbus.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** The code archives of reliability-security.md §5.4, built in memory, including what no well-behaved tool writes. */
final class HostileZips {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

    private HostileZips() {
    }

    static byte[] of(String kind) throws IOException {
        var z = new HostileZips().file("app.py", "def h(e, c):\n    return e\n".getBytes(StandardCharsets.UTF_8), 0644);
        return switch (kind) {
            case "../ entry" -> z.file("../evil.py", new byte[1], 0644).bytes();
            case "absolute path" -> z.file("/etc/cron.d/evil", new byte[1], 0644).bytes();
            case "backslashes" -> backslashes(z.file("lib~..~..~evil.py", new byte[1], 0644).bytes(), "lib~..~..~evil.py");
            case "NUL in a name" -> z.file("evil.py\0.txt", new byte[1], 0644).bytes();
            case "symlink pointing outside" -> z.file("passwd", "../../etc/passwd".getBytes(StandardCharsets.UTF_8),
                    0120777).bytes();
            case "duplicate names" -> z.file("app.py", new byte[1], 0644).bytes();
            case "zip bomb" -> z.zeros("zeros.bin", 300L << 20).bytes(); // 300 MiB of zeros, ~300 KB compressed
            case "100,000 entries" -> z.many(100_000).bytes();
            case "truncated" -> {
                byte[] whole = z.file("data.bin", new byte[10_000], 0644).bytes();
                yield Arrays.copyOf(whole, whole.length / 2);
            }
            case "encrypted entry" -> flaggedEncrypted(z.bytes());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** {@code mode} with its file type bits; without them a regular file is meant. */
    private HostileZips file(String name, byte[] content, int mode) throws IOException {
        var entry = new ZipArchiveEntry(name);
        entry.setUnixMode((mode & 0170000) == 0 ? 0100000 | mode : mode);
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
        return this;
    }

    private HostileZips zeros(String name, long size) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        byte[] block = new byte[1 << 20];
        for (long written = 0; written < size; written += block.length) {
            zip.write(block);
        }
        zip.closeArchiveEntry();
        return this;
    }

    private HostileZips many(int entries) throws IOException {
        for (int i = 0; i < entries; i++) {
            zip.putArchiveEntry(new ZipArchiveEntry("f/" + i));
            zip.closeArchiveEntry();
        }
        return this;
    }

    private byte[] bytes() throws IOException {
        zip.close();
        return bytes.toByteArray();
    }

    /** Writes {@code name}'s '~' as backslashes in both headers: the writer would turn a backslash into '/'. */
    private static byte[] backslashes(byte[] zip, String name) {
        byte[] out = zip.clone();
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + wanted.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + wanted.length, wanted, 0, wanted.length)) {
                for (int k = 0; k < wanted.length; k++) {
                    out[i + k] = wanted[k] == '~' ? (byte) '\\' : wanted[k];
                }
            }
        }
        return out;
    }

    /** Sets the "encrypted" flag of every entry in its local and central headers, as a password-protected archive has. */
    private static byte[] flaggedEncrypted(byte[] zip) {
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
}
