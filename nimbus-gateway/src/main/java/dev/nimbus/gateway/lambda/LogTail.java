package dev.nimbus.gateway.lambda;

import dev.nimbus.core.invoke.InvocationLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;

/**
 * The last 4 KB of one invocation's log, for {@code X-Amz-Log-Type: Tail}: the value of
 * {@code X-Amz-Log-Result} (lambda-compat.md §4.3). Lines keep their newline; the cut falls on a
 * character boundary, so the text decodes cleanly. Memory is bounded: lines wholly before the last
 * 4 KB are dropped as new ones come (one line is at most 16 KB).
 *
 * <p>Threading: instance threads append; the request thread reads after the invocation returned.
 */
final class LogTail implements InvocationLog {
    static final int MAX_BYTES = 4096;

    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private int bytes;

    @Override
    public synchronized void line(String line) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        lines.addLast(b);
        bytes += b.length;
        while (bytes - lines.getFirst().length >= MAX_BYTES) {
            bytes -= lines.removeFirst().length;
        }
    }

    /** The last {@link #MAX_BYTES} bytes (or fewer, at a character boundary), base64-encoded. */
    synchronized String base64() {
        var all = new ByteArrayOutputStream(bytes);
        lines.forEach(all::writeBytes);
        byte[] log = all.toByteArray();
        int from = Math.max(0, log.length - MAX_BYTES);
        while (from < log.length && (log[from] & 0xC0) == 0x80) {
            from++; // a UTF-8 continuation byte: start at the next character
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(log, from, log.length));
    }
}
