package dev.nimbus.sandbox.instance;

import dev.nimbus.core.invoke.InvocationLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * Which invocation an instance's log lines belong to, and which caller sees them as they come
 * ({@code X-Amz-Log-Type: Tail}). Nimbus decides it, never the output: a function printing
 * {@code END RequestId: ...} only prints a line of its own invocation.
 *
 * <p>The pump may still be behind: output of the previous invocation can sit unread in the pipe
 * when the next one starts. So a new invocation writes a marker into the pipe and its lines start
 * at that marker: the pump switches when it passes it, and what the previous invocation wrote
 * stays its own. An invocation whose sink {@linkplain InvocationLog#waitsForOutput waits for output}
 * first reads the pipe up to a fence, bounded, and then switches at once: only output written after
 * that reaches its caller. A sink that does not wait (an invocation record) switches at the marker. If the pipe is full (no
 * marker fits) or the fence fails, the switch happens at once: the previous invocation's unread
 * output is then stored under the new one, and its caller sees none of the function's output
 * rather than someone else's.
 *
 * <p>Each invocation keeps at most {@code maxOutputBytes} of the function's output (UTF-8, a byte
 * per line break); the rest is dropped, announced by one {@link #truncated} line. The pump keeps
 * reading, so the function is never blocked by it.
 *
 * <p>Threading: the invoking thread calls {@link #prepare}, outside any lock, then {@link #switchTo}
 * and {@link #end}; the pump thread calls {@link #outputLine} and {@link #reached}; instance and
 * Runtime API threads call {@link #log}. The target is one immutable record in a volatile field, so
 * a line never sees the id of one invocation with the sink of another; {@code pending} (switches
 * waiting for their marker) and {@code reachedTicket} are guarded by {@code this}. The output count
 * is confined to the pump thread.
 */
final class OutputRouting {
    private final OutputPipe pipe;
    private final Duration maxDrain;
    private final long maxOutputBytes;
    private final BiConsumer<String, String> store;
    private final ArrayDeque<Target> pending = new ArrayDeque<>();
    private long reachedTicket;
    private volatile Target target = new Target("", null, false, 0);
    private Target counted;
    private long outputBytes;

    /**
     * Where lines go: stored under {@code requestId}; to {@code sink} if not null (pipe output only
     * if {@code output}); from the marker {@code ticket} on, or at once if 0.
     */
    record Target(String requestId, InvocationLog sink, boolean output, long ticket) {
    }

    /**
     * @param maxDrain       the longest wait for output in the pipe to become lines
     * @param maxOutputBytes the most function output kept per invocation
     * @param store          keeps a line: (request id, line)
     */
    OutputRouting(OutputPipe pipe, Duration maxDrain, long maxOutputBytes, BiConsumer<String, String> store) {
        this.pipe = pipe;
        this.maxDrain = maxDrain;
        this.maxOutputBytes = maxOutputBytes;
        this.store = store;
    }

    /** The line that replaces output beyond the limit. */
    static String truncated(long maxBytes) {
        return "[nimbus: output truncated after " + maxBytes + " bytes]";
    }

    /** Starts reading the pipe. */
    void pump(String name) {
        pipe.pump(name, this::outputLine, this::reached);
    }

    /**
     * The target of a new invocation. With a sink, first reads what is in the pipe (bounded);
     * without, marks where its output starts.
     */
    Target prepare(String requestId, InvocationLog sink) {
        if (sink != null && sink.waitsForOutput()) {
            return new Target(requestId, sink, pipe.fence(maxDrain), 0);
        }
        long ticket = pipe.mark();
        if (ticket == 0) {
            pipe.fence(maxDrain);
        }
        return new Target(requestId, sink, sink != null, ticket == Long.MAX_VALUE ? 0 : ticket);
    }

    /** Routes lines to {@code next}: from its marker on, or at once, dropping switches still waiting. */
    synchronized void switchTo(Target next) {
        if (next.ticket() == 0 || next.ticket() <= reachedTicket) {
            pending.clear();
            target = next;
        } else {
            pending.addLast(next);
        }
    }

    /** The pump passed marker {@code ticket}: everything before it has become a line. */
    private synchronized void reached(long ticket) {
        reachedTicket = ticket;
        while (!pending.isEmpty() && pending.peekFirst().ticket() <= ticket) {
            target = pending.removeFirst();
        }
    }

    /** Reads what the function wrote so far (bounded); false if that did not happen in time. */
    boolean drain() {
        return pipe.fence(maxDrain);
    }

    /** The invocation has returned: its sink gets no more lines. */
    synchronized void end() {
        Target t = target;
        if (t.sink() != null) {
            target = new Target(t.requestId(), null, false, 0);
        }
    }

    /** A line the function wrote (its control characters already escaped). */
    void outputLine(String line) {
        Target t = target;
        if (t != counted) {
            counted = t;
            outputBytes = 0;
        }
        if (outputBytes > maxOutputBytes) {
            return;
        }
        outputBytes += utf8Length(line) + 1;
        String kept = outputBytes > maxOutputBytes ? truncated(maxOutputBytes) : line;
        store.accept(t.requestId(), kept);
        if (t.output() && t.sink() != null) {
            t.sink().line(kept);
        }
    }

    /** A line Nimbus writes for invocation {@code requestId} (START, END, REPORT). */
    void log(String requestId, String message) {
        store.accept(requestId, message);
        InvocationLog sink = sinkOf(requestId);
        if (sink != null) {
            sink.line(message);
        }
    }

    /** The sink of invocation {@code requestId}: the current target's, or that of one still waiting for its marker. */
    private InvocationLog sinkOf(String requestId) {
        Target t = target;
        if (t.sink() != null && requestId.equals(t.requestId())) {
            return t.sink();
        }
        synchronized (this) {
            for (Target waiting : pending) {
                if (waiting.sink() != null && requestId.equals(waiting.requestId())) {
                    return waiting.sink();
                }
            }
        }
        return null;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
