package dev.nimbus.events.s3;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Range: bytes=...} header of one range, as S3 reads it: {@code bytes=0-99},
 * {@code bytes=100-} (to the end), {@code bytes=-100} (the last 100). An end beyond the object is
 * cut to its last byte; a start beyond it is unsatisfiable (416). Several ranges, or anything
 * malformed, are ignored: the whole object is sent, as S3 does.
 */
final class ByteRange {
    private static final Pattern ONE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private ByteRange() {
    }

    /** {@code [first, last]} byte positions, or null for the whole object. */
    static long[] parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = ONE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw S3Error.invalidRange(size);
            }
            return new long[] {Math.max(0, size - suffix), size - 1};
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return null;
        }
        if (first >= size) {
            throw S3Error.invalidRange(size);
        }
        return new long[] {first, Math.min(last, size - 1)};
    }
}
