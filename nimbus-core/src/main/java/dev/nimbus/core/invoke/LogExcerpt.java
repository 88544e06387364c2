package dev.nimbus.core.invoke;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the start and the end of one invocation's log for its record, passing every line on to the
 * caller's own {@link InvocationLog}, if any. A record must stay small however much a function
 * prints: the first {@value #HEAD} lines and the last {@value #TAIL} are kept, each cut at
 * {@value #MAX_LINE} characters, with a line saying how many were left out between them. So a
 * function printing 10,000 lines keeps START and its first 29 lines, "… 9,953 lines left out …",
 * and its last 18 lines with END and REPORT: at most 51 lines of 512 characters, about 26 KB.
 *
 * <p>Without a caller of its own waiting for every line, lines the function wrote just before it
 * answered may still be unread when the record is made, and are then missing from it (they are in
 * the function's logs); {@code START}, {@code END} and {@code REPORT} are always in.
 *
 * <p>Threading: lines arrive from the instance's threads, one at a time; {@link #lines} is read
 * after the invocation returned. Both hold this object's monitor briefly.
 */
public final class LogExcerpt implements InvocationLog {
    static final int HEAD = 30;
    static final int TAIL = 20;
    static final int MAX_LINE = 512;
    private final InvocationLog next;
    private final List<String> head = new ArrayList<>(HEAD);
    private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL);
    private long leftOut;

    /** An excerpt that also hands each line to {@code next}, which may be null. */
    public LogExcerpt(InvocationLog next) {
        this.next = next;
    }

    /** Only as patient as the caller it passes lines on to: a record alone never waits for output. */
    @Override
    public boolean waitsForOutput() {
        return next != null && next.waitsForOutput();
    }

    @Override
    public void line(String line) {
        if (next != null) {
            next.line(line);
        }
        String kept = line.length() > MAX_LINE ? cut(line) : line;
        synchronized (this) {
            if (head.size() < HEAD) {
                head.add(kept);
                return;
            }
            if (tail.size() == TAIL) {
                tail.removeFirst();
                leftOut++;
            }
            tail.addLast(kept);
        }
    }

    /** The start of a long line, never half a character. */
    private static String cut(String line) {
        int end = MAX_LINE - 1;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + "…";
    }

    /** The kept lines in order, with a note where lines were left out. */
    public synchronized List<String> lines() {
        var out = new ArrayList<String>(head.size() + tail.size() + 1);
        out.addAll(head);
        if (leftOut > 0) {
            out.add(String.format(Locale.ROOT, "… %,d lines left out …", leftOut));
        }
        out.addAll(tail);
        return out;
    }
}
