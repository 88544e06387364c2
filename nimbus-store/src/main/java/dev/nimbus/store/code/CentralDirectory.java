package dev.nimbus.store.code;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the records of a zip's central directory by walking their headers, without building an
 * object per entry. commons-compress materialises every entry before we could count them, and a
 * 50 MiB archive of 46-byte records declares about 1.1 million entries (hundreds of MB of heap);
 * this walk stops after the limit.
 */
final class CentralDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int FILE_HEADER = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private CentralDirectory() {
    }

    /**
     * The number of central-directory records, counting at most {@code max + 1}; 0 when no
     * end-of-central-directory record is found (commons-compress then decides what the file is).
     */
    static long count(Path zip, long max) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long eocd = findEocd(ch);
            if (eocd < 0) {
                return 0;
            }
            long pos = directoryOffset(ch, eocd);
            long count = 0;
            while (count <= max) {
                ByteBuffer header = read(ch, pos, 46);
                if (header == null || header.getInt(0) != FILE_HEADER) {
                    break;
                }
                count++;
                pos += 46L + u16(header, 28) + u16(header, 30) + u16(header, 32);
            }
            return count;
        }
    }

    private static long findEocd(FileChannel ch) throws IOException {
        long size = ch.size();
        int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer buf = read(ch, size - tail, tail);
        if (buf == null) {
            return -1;
        }
        for (int i = tail - EOCD_SIZE; i >= 0; i--) {
            if (buf.getInt(i) == EOCD) {
                return size - tail + i;
            }
        }
        return -1;
    }

    private static long directoryOffset(FileChannel ch, long eocd) throws IOException {
        ByteBuffer record = read(ch, eocd, EOCD_SIZE);
        long offset = record.getInt(16) & 0xffffffffL;
        if (offset != 0xffffffffL || eocd < 20) {
            return offset;
        }
        ByteBuffer locator = read(ch, eocd - 20, 20);
        if (locator == null || locator.getInt(0) != ZIP64_LOCATOR) {
            return offset;
        }
        ByteBuffer zip64 = read(ch, locator.getLong(8), 56);
        return zip64 != null && zip64.getInt(0) == ZIP64_EOCD ? zip64.getLong(48) : offset;
    }

    /** {@code length} bytes at {@code pos}, little-endian, or null if the file is shorter. */
    private static ByteBuffer read(FileChannel ch, long pos, int length) throws IOException {
        if (pos < 0 || pos + length > ch.size()) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                return null;
            }
        }
        return buf.flip();
    }

    private static int u16(ByteBuffer buf, int index) {
        return buf.getShort(index) & 0xffff;
    }
}
