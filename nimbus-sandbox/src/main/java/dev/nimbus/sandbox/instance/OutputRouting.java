package dev.nimbus.sandbox.instance;

import dev.nimbus.core.invoke.InvocationLog;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Which invocation an instance's log lines belong to, and which caller sees them as they come
 * ({@code X-Amz-Log-Type: Tail}). The pump may still be behind: output of the previous invocation
 * can sit unread in the pipe when the next one starts. So an invocation with a sink first reads the
 * pipe up to a fence, bounded, while the lines still go to the previous invocation; only output
 * written after that reaches its caller. If the fence fails, the caller sees none of the function's
 * output rather than someone else's. An invocation without a sink switches at once, at no cost.
 *
 * <p>Threading: the invoking thread calls {@link #prepare}, outside any lock, then {@link #switchTo}
 * and {@link #end}; the pump thread calls {@link #outputLine}; instance and Runtime API threads call
 * {@link #log}. The target is one immutable record in a volatile field, so a line never sees the id
 * of one invocation with the sink of another.
 */
final class OutputRouting {
    private final OutputPipe pipe;
    private final Duration maxDrain;
    private final BiConsumer<String, String> store;
    private volatile Target target = new Target("", null, false);

    /** Where lines go: stored under {@code requestId}; to {@code sink} if not null (pipe output only if {@code output}). */
    record Target(String requestId, InvocationLog sink, boolean output) {
    }

    /**
     * @param maxDrain the longest wait for output in the pipe to become lines
     * @param store    keeps a line: (request id, line)
     */
    OutputRouting(OutputPipe pipe, Duration maxDrain, BiConsumer<String, String> store) {
        this.pipe = pipe;
        this.maxDrain = maxDrain;
        this.store = store;
    }

    /** The target of a new invocation; with a sink, first reads what is in the pipe (bounded). */
    Target prepare(String requestId, InvocationLog sink) {
        return new Target(requestId, sink, sink != null && pipe.fence(maxDrain));
    }

    void switchTo(Target next) {
        target = next;
    }

    /** Reads what the function wrote so far (bounded); false if that did not happen in time. */
    boolean drain() {
        return pipe.fence(maxDrain);
    }

    /** The invocation has returned: its sink gets no more lines. */
    void end() {
        target = new Target(target.requestId(), null, false);
    }

    /** A line the function wrote. */
    void outputLine(String line) {
        Target t = target;
        store.accept(t.requestId(), line);
        if (t.output() && t.sink() != null) {
            t.sink().line(line);
        }
    }

    /** A line Nimbus writes for invocation {@code requestId} (START, END, REPORT). */
    void log(String requestId, String message) {
        store.accept(requestId, message);
        Target t = target;
        if (t.sink() != null && requestId.equals(t.requestId())) {
            t.sink().line(message);
        }
    }
}
