package dev.nimbus.sandbox.instance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a process's output into lines, each at most {@link #MAX_LINE} bytes (longer lines are
 * cut into pieces, so a function printing without newlines cannot exhaust memory).
 *
 * <p>Threading: one platform daemon thread per stream, never a virtual thread. A read from a
 * process pipe blocks in native code and pins a virtual thread to its carrier; the JDK lends a
 * spare carrier meanwhile but retires it after 30 s idle. With one idle instance on a 2-core
 * machine its two pumps then held both carriers, and no other virtual thread ran again: the
 * server stopped answering HTTP after half a minute without requests.
 */
final class OutputPump {
    static final int MAX_LINE = 16 * 1024;

    private OutputPump() {
    }

    static void start(String name, InputStream in, Consumer<String> lines) {
        Thread.ofPlatform().name(name).daemon(true).start(() -> pump(in, lines));
    }

    private static void pump(InputStream in, Consumer<String> lines) {
        byte[] buf = new byte[8192];
        byte[] line = new byte[MAX_LINE];
        int len = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n' || len == MAX_LINE) {
                        emit(lines, line, len);
                        len = 0;
                        if (b == '\n') {
                            continue;
                        }
                    }
                    line[len++] = b;
                }
            }
        } catch (IOException closed) {
            // the process ended; flush what we have
        } finally {
            if (len > 0) {
                emit(lines, line, len);
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing left to read
            }
        }
    }

    private static void emit(Consumer<String> lines, byte[] line, int len) {
        int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
    }
}
