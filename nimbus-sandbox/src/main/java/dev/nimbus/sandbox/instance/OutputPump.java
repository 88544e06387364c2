package dev.nimbus.sandbox.instance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits an instance's output into lines, each at most {@link #MAX_LINE} bytes (longer lines are
 * cut into pieces, so a function printing without newlines cannot exhaust memory).
 *
 * <p>The pump watches for a marker: a byte sequence Nimbus itself writes into the pipe (see
 * {@link OutputPipe}). The marker never reaches the lines; an unterminated line before it is emitted
 * as a line of its own, then {@code onMarker} runs. Because a pipe keeps the order of writes, every
 * byte written before the marker has been emitted by then. The marker's first byte must not occur
 * again in it, so a mismatch never hides the start of another match. Keeping the unterminated line
 * pending across a marker would keep it whole, but its start would then become a line of the next
 * invocation, shown to that invocation's caller.
 *
 * <p>Control characters other than tab (ANSI escapes, a carriage return inside a line, NUL...),
 * Unicode line separators and bidirectional overrides are shown escaped: {@code \x1b} for ESC,
 * a backslash, 'u' and four hex digits for U+202E and the like. Output cannot move a terminal's
 * cursor, restyle it, hide text or reorder what {@code nimbus logs} prints. A carriage return
 * ending a line is dropped as part of its line break.
 *
 * <p>A consumer that throws (a full disk, say) loses that line only: the pump keeps reading, since
 * a pipe nobody reads blocks the function once it is full, and a fence never passes.
 *
 * <p>Threading: one platform daemon thread per instance (its stdout and stderr share one pipe),
 * never a virtual thread. A read from a process pipe blocks in native code and pins a virtual
 * thread to its carrier; the JDK lends a spare carrier meanwhile but retires it after 30 s idle.
 * With one idle instance on a 2-core machine its two pumps (stdout and stderr, then separate) held
 * both carriers, and no other virtual thread ran again: the server stopped answering HTTP after
 * half a minute without requests. The pump thread alone calls {@link #accept} and {@link #finish}.
 */
final class OutputPump {
    static final int MAX_LINE = 16 * 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long STACK_BYTES = 256 * 1024;
    private static final System.Logger LOG = System.getLogger(OutputPump.class.getName());

    private final Consumer<String> lines;
    private final byte[] marker;
    private final Runnable onMarker;
    private final byte[] line = new byte[MAX_LINE];
    private int len;
    private int matched;
    private boolean consumerFailed;

    OutputPump(Consumer<String> lines, byte[] marker, Runnable onMarker) {
        if (marker.length == 0) {
            throw new IllegalArgumentException("empty marker");
        }
        this.lines = lines;
        this.marker = marker.clone();
        this.onMarker = onMarker;
    }

    /** Pumps {@code in} on a new platform thread; {@code onEnd} runs once the stream ended and everything is emitted. */
    static void start(String name, InputStream in, OutputPump pump, Runnable onEnd) {
        Thread.ofPlatform().name(name).daemon(true).stackSize(STACK_BYTES).start(() -> pump.run(in, onEnd));
    }

    private void run(InputStream in, Runnable onEnd) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                accept(buf, n);
            }
        } catch (IOException closed) {
            // the process ended; flush what we have
        } finally {
            try {
                finish();
            } finally {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing left to read
                } finally {
                    onEnd.run();
                }
            }
        }
    }

    void accept(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (b == marker[matched]) {
                if (++matched == marker.length) {
                    matched = 0;
                    flushLine();
                    onMarker.run();
                }
                continue;
            }
            if (matched > 0) {
                // not the marker after all: its bytes so far were output
                for (int k = 0; k < matched; k++) {
                    append(marker[k]);
                }
                matched = 0;
                if (b == marker[0]) {
                    matched = 1;
                    continue;
                }
            }
            append(b);
        }
    }

    private void append(byte b) {
        if (b == '\n' || len == MAX_LINE) {
            emit();
            if (b == '\n') {
                return;
            }
        }
        line[len++] = b;
    }

    private void flushLine() {
        if (len > 0) {
            emit();
        }
    }

    /** The stream ended: emits a pending partial marker and an unterminated last line. */
    void finish() {
        for (int k = 0; k < matched; k++) {
            append(marker[k]);
        }
        matched = 0;
        flushLine();
    }

    private void emit() {
        int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        len = 0;
        try {
            lines.accept(printable(new String(line, 0, end, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            if (!consumerFailed) {
                consumerFailed = true;
                LOG.log(System.Logger.Level.WARNING, "log lines of " + Thread.currentThread().getName()
                        + " are being lost; reported once", e);
            }
        }
    }

    /** {@code s} with the characters a terminal would act on escaped; {@code s} itself when it has none. */
    static String printable(String s) {
        int i = 0;
        while (i < s.length() && !unprintable(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        var out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unprintable(c)) {
                out.append(c);
            } else if (c < 0x100) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append("\\u").append(String.format("%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean unprintable(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
