package dev.nimbus.core.invoke;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where invocation records go, and the latest ones per function. The in-memory kind keeps the
 * last {@code perFunction} records of each function and forgets a function's records when it
 * is {@link #forget forgotten}; records do not survive a restart.
 *
 * <p>Threading: any thread; each function's records sit behind their own monitor, held for an
 * append or a copy.
 */
public final class InvocationRecords {
    private final int perFunction;
    private final Map<String, ArrayDeque<InvocationRecord>> byFunction = new ConcurrentHashMap<>();

    private InvocationRecords(int perFunction) {
        this.perFunction = perFunction;
    }

    public static InvocationRecords inMemory(int perFunction) {
        if (perFunction < 1) {
            throw new IllegalArgumentException("perFunction must be at least 1, was " + perFunction);
        }
        return new InvocationRecords(perFunction);
    }

    public void add(InvocationRecord record) {
        ArrayDeque<InvocationRecord> records = byFunction.computeIfAbsent(record.function(), f -> new ArrayDeque<>());
        synchronized (records) {
            if (records.size() == perFunction) {
                records.removeFirst();
            }
            records.addLast(record);
        }
    }

    /** The function's latest records, newest first, at most {@code limit}. */
    public List<InvocationRecord> latest(String function, int limit) {
        ArrayDeque<InvocationRecord> records = byFunction.get(function);
        if (records == null) {
            return List.of();
        }
        var out = new ArrayList<InvocationRecord>(Math.min(limit, perFunction));
        synchronized (records) {
            var it = records.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
        }
        return out;
    }

    public void forget(String function) {
        byFunction.remove(function);
    }
}
