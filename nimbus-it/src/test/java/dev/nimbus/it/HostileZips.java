package dev.nimbus.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** The code archives of reliability-security.md §5.4, built in memory, including what no well-behaved tool writes. */
final class HostileZips {
    private static final String APP = "def h(e, c):\n    return e\n";
    /** The entries of {@link #harmlessSizeLies}, each holding {@link #trueContent} whatever its headers claim. */
    static final List<String> LYING_ENTRIES = List.of("claims-less.bin", "claims-more.bin",
            "compressed-size-longer.bin", "local-header-claims-less.bin", "stored-claims-less.bin");
    /** Offsets of the sizes in the data of a ZIP64 extended information field (header id 0x0001). */
    private static final int SIZE = 0;
    private static final int COMPRESSED_SIZE = 8;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** Set for ZIP64 archives: written seekably, so that the sizes land in the local headers too. */
    private final SeekableInMemoryByteChannel channel;
    private final ZipArchiveOutputStream zip;

    private HostileZips() {
        this.channel = null;
        this.zip = new ZipArchiveOutputStream(bytes);
    }

    /** Every entry with a ZIP64 extended information field in both headers, sizes known up front. */
    private HostileZips(SeekableInMemoryByteChannel channel) {
        this.channel = channel;
        this.zip = new ZipArchiveOutputStream(channel);
        zip.setUseZip64(Zip64Mode.Always);
    }

    static byte[] of(String kind) throws IOException {
        var z = new HostileZips().file("app.py", APP.getBytes(StandardCharsets.UTF_8), 0644);
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
            // 16 copies of a 16 MiB zip of 16 zips of 1 MiB of zeros, all stored: 256 MiB at the top level, in ~300 KB
            case "42.zip over the limit at the top level" -> z.copies("bomb/", 16, nested(1, 16, 1 << 20,
                    ZipArchiveEntry.STORED), ZipArchiveEntry.DEFLATED).bytes();
            case "ZIP64 claims 1 TiB" -> lie(zip64().file("data.bin", trueContent(), 0644).bytes(),
                    "data.bin", SIZE, size -> 1L << 40);
            case "ZIP64 claims 1000 bytes of 300 MiB" -> lie(zip64().zeros("zeros.bin", 300L << 20).bytes(),
                    "zeros.bin", SIZE, size -> 1000);
            case "ZIP64 claims a negative size" -> lie(zip64().file("data.bin", trueContent(), 0644).bytes(),
                    "data.bin", SIZE, size -> Long.MIN_VALUE);
            case "ZIP64 compressed size short of the data" -> lie(zip64().file("data.bin", trueContent(), 0644)
                    .file("app.py", APP.getBytes(StandardCharsets.UTF_8), 0644).bytes(), "data.bin", COMPRESSED_SIZE,
                    size -> size - 1);
            case "ZIP64 stored sizes past the end of the data" -> {
                byte[] zip = zip64().stored("data.bin", trueContent()).file("app.py", APP.getBytes(StandardCharsets.UTF_8),
                        0644).bytes();
                yield lie(lie(zip, "data.bin", SIZE, size -> size + 50), "data.bin", COMPRESSED_SIZE, size -> size + 50);
            }
            // 64 entries sharing the data of one: 16 MiB of zeros each, 1 GiB in all from 20 KB
            case "overlapping entries" -> overlapping(64, 16 << 20, -1);
            case "overlapping entries claiming 1000 bytes each" -> overlapping(64, 16 << 20, 1000);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * A non-recursive zip bomb after David Fifield's, in its simplest form (full overlap, no quoted
     * headers): one local file "kernel" holding {@code kernelBytes} zeros, deflated, and
     * {@code entries} central-directory records "bomb/0", "bomb/1", ... whose local header offset is
     * all 0, so the same compressed bytes unpack once per record. Each record claims
     * {@code claimed} bytes, or the true size when negative. 64 records over 16 MiB: a kernel of
     * 16,310 bytes (deflate's best is ~1:1032) and ~53 bytes a record, 19,750 in all, stand for 1 GiB.
     *
     * <p>Layout, little-endian. Local header, 30 bytes: signature, version needed (20), flags,
     * method (8), time, date, CRC, compressed size, size, name length, extra length (0); then the
     * name and the data. Central record, 46 bytes: signature, version made by (20: MS-DOS, so no
     * Unix mode and a plain file), version needed, flags, method, time, date, CRC, compressed size,
     * size, name, extra and comment lengths, disk, internal and external attributes, local header
     * offset; then the name. End record, 22 bytes: signature, two disk numbers, the record count
     * twice, the directory's size and offset, comment length.
     */
    private static byte[] overlapping(int entries, int kernelBytes, long claimed) {
        byte[] zeros = new byte[kernelBytes];
        byte[] kernel = deflated(zeros);
        var crc = new CRC32();
        crc.update(zeros);
        int size = (int) (claimed < 0 ? kernelBytes : claimed);
        short date = (1 << 5) | 1; // 1980-01-01
        byte[] local = "kernel".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(30 + local.length + kernel.length + entries * (46 + 16) + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
                .putShort(date).putInt((int) crc.getValue()).putInt(kernel.length).putInt(size)
                .putShort((short) local.length).putShort((short) 0).put(local).put(kernel);
        int directory = out.position();
        for (int i = 0; i < entries; i++) {
            byte[] name = ("bomb/" + i).getBytes(StandardCharsets.US_ASCII);
            out.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
                    .putShort((short) 0).putShort(date).putInt((int) crc.getValue()).putInt(kernel.length).putInt(size)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(0).put(name);
        }
        int directorySize = out.position() - directory;
        out.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(directorySize).putInt(directory).putShort((short) 0);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Raw deflate (no zlib header), as a zip entry's data is. */
    private static byte[] deflated(byte[] data) {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * 42.zip's shape, one branch of it: {@code levels} zips, each holding {@code copies} copies of
     * the level below; the lowest holds {@code leafBytes} zeros. Deflated, each level is only a few
     * KB larger than the one below (deflated zeros are repetitive and deflate again): 4 levels of 16
     * over 16 MiB is ~20 KB standing for 16^4 x 16 MiB = 1 TiB. Stored, the sizes multiply instead.
     */
    static byte[] nested(int levels, int copies, int leafBytes, int method) throws IOException {
        byte[] level = new HostileZips().entry("zeros.bin", new byte[leafBytes], method).bytes();
        for (int l = 1; l <= levels; l++) {
            level = new HostileZips().copies("level" + l + "-", copies, level, method).bytes();
        }
        return level;
    }

    /**
     * A harmless archive whose headers lie: app.py ({@code app}) and the {@link #LYING_ENTRIES}, each
     * holding {@link #trueContent}, deflated unless named stored. What each claims, in its ZIP64 field
     * of both headers unless named otherwise: 10 bytes; 200 MiB (within the limit); a compressed size
     * 50 bytes longer than its data (which then runs into the next entry's header); 10 bytes in the
     * local header only; 10 bytes, stored, with the compressed size (which a reader of a stored entry
     * goes by) true.
     */
    static byte[] harmlessSizeLies(String app) throws IOException {
        byte[] data = trueContent();
        var z = zip64();
        for (String name : LYING_ENTRIES) {
            if (name.startsWith("stored")) {
                z.stored(name, data);
            } else {
                z.file(name, data, 0644);
            }
        }
        byte[] zip = z.file("app.py", app.getBytes(StandardCharsets.UTF_8), 0644).bytes();
        zip = lie(zip, "claims-less.bin", SIZE, size -> 10);
        zip = lie(zip, "claims-more.bin", SIZE, size -> 200L << 20);
        zip = lie(zip, "compressed-size-longer.bin", COMPRESSED_SIZE, size -> size + 50);
        zip = lie(zip, "local-header-claims-less.bin", SIZE, size -> 10, true, false);
        return lie(zip, "stored-claims-less.bin", SIZE, size -> 10);
    }

    /** 100,000 bytes that deflate to about two thirds: every other byte random. */
    static byte[] trueContent() {
        byte[] data = new byte[100_000];
        new Random(42).nextBytes(data);
        for (int i = 0; i < data.length; i += 2) {
            data[i] = 0;
        }
        return data;
    }

    private static HostileZips zip64() {
        return new HostileZips(new SeekableInMemoryByteChannel());
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

    private HostileZips stored(String name, byte[] content) throws IOException {
        return entry(name, content, ZipArchiveEntry.STORED);
    }

    /** A file without a recorded mode; a stored one has its size and CRC set first, as a stream needs. */
    private HostileZips entry(String name, byte[] content, int method) throws IOException {
        var entry = new ZipArchiveEntry(name);
        entry.setMethod(method);
        if (method == ZipArchiveEntry.STORED) {
            var crc = new CRC32();
            crc.update(content);
            entry.setSize(content.length);
            entry.setCrc(crc.getValue());
        }
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
        return this;
    }

    /** {@code copies} entries {@code prefix + i + ".zip"} holding {@code content}. */
    private HostileZips copies(String prefix, int copies, byte[] content, int method) throws IOException {
        for (int i = 0; i < copies; i++) {
            entry(prefix + i + ".zip", content, method);
        }
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
        return channel == null ? bytes.toByteArray() : Arrays.copyOf(channel.array(), (int) channel.size());
    }

    private static byte[] lie(byte[] zip, String name, int field, LongUnaryOperator claim) {
        return lie(zip, name, field, claim, true, true);
    }

    /**
     * Replaces a size in the ZIP64 extended information field of entry {@code name}, in its local
     * and/or central header. Local header: name at offset 30, its length at 26, the extra field's at
     * 28. Central header: name at 46, lengths at 28 and 30. The extra field follows the name: header
     * id 0x0001 and data length (2 bytes each), then the size and the compressed size (8 bytes each;
     * the 32-bit fields hold 0xFFFFFFFF) and, in the central header, the local header's offset.
     */
    private static byte[] lie(byte[] zip, String name, int field, LongUnaryOperator claim, boolean local,
                              boolean central) {
        byte[] out = zip.clone();
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        int patched = 0;
        for (int i = 0; i + 46 <= out.length; i++) {
            int signature = le.getInt(i);
            int nameAt;
            if (local && signature == 0x04034b50) {
                nameAt = i + 30;
            } else if (central && signature == 0x02014b50) {
                nameAt = i + 46;
            } else {
                continue;
            }
            int nameLength = le.getShort(signature == 0x04034b50 ? i + 26 : i + 28) & 0xffff;
            if (!Arrays.equals(out, nameAt, nameAt + nameLength, wanted, 0, wanted.length)) {
                continue;
            }
            int extra = nameAt + nameLength;
            if (le.getShort(extra) != 0x0001) {
                throw new IllegalStateException("no ZIP64 field first in the extra field of " + name);
            }
            int at = extra + 4 + field;
            le.putLong(at, claim.applyAsLong(le.getLong(at)));
            patched++;
        }
        if (patched != (local ? 1 : 0) + (central ? 1 : 0)) {
            throw new IllegalStateException("patched " + patched + " headers of " + name);
        }
        return out;
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
