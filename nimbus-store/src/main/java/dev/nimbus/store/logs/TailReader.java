package dev.nimbus.store.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the last lines of a file backwards in 64 KiB chunks, so {@code tail 100} of a 5 MiB log
 * reads a few KiB rather than the whole file.
 */
final class TailReader {
    static final int CHUNK = 64 * 1024;

    private TailReader() {
    }

    /**
     * Up to {@code limit} complete, non-empty lines that end before {@code end}, newest first,
     * without their {@code \n}. Bytes after the last {@code \n} are an unfinished line (a crash
     * mid-write) and are skipped.
     */
    static List<byte[]> lastLines(FileChannel file, long end, int limit) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        byte[] pending = new byte[0];
        boolean seenNewline = false;
        long pos = end;
        while (pos > 0 && lines.size() < limit) {
            int n = (int) Math.min(CHUNK, pos);
            pos -= n;
            byte[] data = concat(read(file, pos, n), pending);
            int lineEnd = data.length;
            for (int i = data.length - 1; i >= 0 && lines.size() < limit; i--) {
                if (data[i] != '\n') {
                    continue;
                }
                if (seenNewline && lineEnd > i + 1) {
                    lines.add(Arrays.copyOfRange(data, i + 1, lineEnd));
                }
                seenNewline = true;
                lineEnd = i;
            }
            pending = Arrays.copyOfRange(data, 0, lineEnd);
        }
        if (pos == 0 && seenNewline && pending.length > 0 && lines.size() < limit) {
            lines.add(pending);
        }
        return lines;
    }

    private static byte[] read(FileChannel file, long pos, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (file.read(buf, pos + buf.position()) < 0) {
                throw new IOException("log file shrank while being read");
            }
        }
        return buf.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
