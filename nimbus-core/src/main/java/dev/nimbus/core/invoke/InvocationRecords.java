package dev.nimbus.core.invoke;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where invocation records go: the latest of each function, queryable with filters and paging,
 * and handed to listeners (metrics, charts, trace export) as they arrive.
 *
 * <p>Retention is bounded three times: at most {@code perFunction} records of a function, none
 * older than {@code maxAge} (by {@link InvocationRecord#arrived}), and at most {@code maxBytes} for
 * all functions together, measured as {@link #sizeOf}: past that, the oldest records of the node go
 * first, down to 90 % of it, so that eviction happens once per many additions. A record is ~1 KB
 * plus its log excerpt (at most 51 lines of 512 characters: 52 KB if every character needs two
 * bytes), so the default 128 MB hold at least 2,500 records with full excerpts, usually over 100,000.
 * Records live in memory: they do not survive a restart.
 *
 * <p>A forgotten (deleted) function stays forgotten for invocations that were still running when it
 * was deleted: their records arrive after {@link #forget} and are dropped, so nothing about the
 * deleted function comes back (records, charts, metrics).
 *
 * <p>Paging: every record gets a sequence number as it is added; a page ends with a cursor, the
 * number of its last record, and the next page holds only older numbers. Records are numbered when
 * they finish, so pages are in order of completion, newest first.
 *
 * <p>Threading: any thread; each function's records sit behind their own monitor, held for an
 * append or a copy. Listeners run on the adding thread, outside any monitor, and must be quick.
 */
public final class InvocationRecords {
    private static final Logger LOG = Logger.getLogger(InvocationRecords.class.getName());
    /** No invocation runs longer than this (the longest timeout and queue wait), so tombstones can go then. */
    private static final Duration LONGEST_INVOCATION = Duration.ofHours(1);
    private final int perFunction;
    private final Duration maxAge;
    private final long maxBytes;
    private final InstantSource clock;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, ArrayDeque<Entry>> byFunction = new ConcurrentHashMap<>();
    private final Map<String, Instant> forgotten = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private InvocationRecords(int perFunction, Duration maxAge, long maxBytes, InstantSource clock) {
        this.perFunction = perFunction;
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public static InvocationRecords inMemory(int perFunction, Duration maxAge, long maxBytes, InstantSource clock) {
        if (perFunction < 1) {
            throw new IllegalArgumentException("perFunction must be at least 1, was " + perFunction);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        return new InvocationRecords(perFunction, maxAge, maxBytes, Objects.requireNonNull(clock, "clock"));
    }

    /** Tells {@code listener} of every record added and every function forgotten from now on. */
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    public void add(InvocationRecord record) {
        if (deletedWhileRunning(record)) {
            return;
        }
        ArrayDeque<Entry> records = byFunction.computeIfAbsent(record.function(), f -> new ArrayDeque<>());
        synchronized (records) {
            if (byFunction.get(record.function()) != records || deletedWhileRunning(record)) {
                return; // forgotten between the look-up and here
            }
            if (records.size() == perFunction) {
                drop(records.removeFirst());
            }
            var entry = new Entry(sequence.incrementAndGet(), record, sizeOf(record));
            records.addLast(entry);
            bytes.addAndGet(entry.size);
            expire(records);
        }
        if (bytes.get() > maxBytes) {
            evictOldest(maxBytes - maxBytes / 10);
        }
        for (var listener : listeners) {
            try {
                listener.added(record);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an invocation record listener failed", e);
            }
        }
    }

    /** The function's latest records, newest first, at most {@code limit}. */
    public List<InvocationRecord> latest(String function, int limit) {
        return query(function, Query.latest(limit)).records();
    }

    /** The function's records that {@code query} selects, newest first. */
    public Page query(String function, Query query) {
        ArrayDeque<Entry> records = byFunction.get(function);
        if (records == null) {
            return new Page(List.of(), null);
        }
        var out = new ArrayList<InvocationRecord>(Math.min(query.limit(), 64));
        long last = 0;
        boolean more = false;
        synchronized (records) {
            expire(records);
            var it = records.descendingIterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (e.sequence >= query.before() || !query.selects(e.record)) {
                    continue;
                }
                if (out.size() == query.limit()) {
                    more = true;
                    break;
                }
                out.add(e.record);
                last = e.sequence;
            }
        }
        return new Page(out, more ? Long.toString(last) : null);
    }

    /** The record of one invocation of the function, if it is still kept. */
    public Optional<InvocationRecord> find(String function, String requestId) {
        ArrayDeque<Entry> records = byFunction.get(function);
        if (records == null) {
            return Optional.empty();
        }
        synchronized (records) {
            expire(records);
            var it = records.descendingIterator();
            while (it.hasNext()) {
                InvocationRecord r = it.next().record;
                if (r.requestId().equals(requestId)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets the records of a deleted function, and tells the listeners to. */
    public void forget(String function) {
        Instant now = clock.instant();
        forgotten.values().removeIf(at -> at.isBefore(now.minus(LONGEST_INVOCATION)));
        forgotten.put(function, now); // before the records go: see add
        ArrayDeque<Entry> records = byFunction.remove(function);
        if (records != null) {
            synchronized (records) {
                records.forEach(this::drop);
                records.clear();
            }
        }
        listeners.forEach(l -> l.forgotten(function));
    }

    /** Whether the record's function was deleted after the invocation arrived. */
    private boolean deletedWhileRunning(InvocationRecord record) {
        Instant deleted = forgotten.get(record.function());
        return deleted != null && record.arrived().isBefore(deleted);
    }

    /** What a record is counted as against {@code maxBytes}: its fields, and two bytes a character of its log. */
    static long sizeOf(InvocationRecord r) {
        long size = 1024;
        for (String line : r.log()) {
            size += 48 + 2L * line.length();
        }
        return size;
    }

    /** Drops the oldest records of the node, whatever their function, until at most {@code target} bytes are held. */
    private void evictOldest(long target) {
        while (bytes.get() > target) {
            ArrayDeque<Entry> oldest = null;
            long oldestSequence = Long.MAX_VALUE;
            for (ArrayDeque<Entry> records : byFunction.values()) {
                synchronized (records) {
                    Entry head = records.peekFirst();
                    if (head != null && head.sequence < oldestSequence) {
                        oldest = records;
                        oldestSequence = head.sequence;
                    }
                }
            }
            if (oldest == null) {
                return;
            }
            synchronized (oldest) {
                Entry head = oldest.peekFirst();
                if (head != null && head.sequence == oldestSequence) {
                    drop(oldest.removeFirst());
                }
            }
        }
    }

    private void drop(Entry entry) {
        bytes.addAndGet(-entry.size);
    }

    /** The bytes the records hold now, as {@link #sizeOf} counts them. */
    long bytes() {
        return bytes.get();
    }

    /** What follows the records as they come: called on the adding thread, so it must be quick. */
    @FunctionalInterface
    public interface Listener {
        void added(InvocationRecord record);

        /** The function was deleted: whatever is kept about it can go (nothing, unless overridden). */
        default void forgotten(String function) {
        }
    }

    /** Locked: drops records older than the retention age from the front. */
    private void expire(ArrayDeque<Entry> records) {
        Instant cutoff = clock.instant().minus(maxAge);
        while (!records.isEmpty() && records.peekFirst().record.arrived().isBefore(cutoff)) {
            drop(records.removeFirst());
        }
    }

    private record Entry(long sequence, InvocationRecord record, long size) {
    }

    /**
     * Which records a query selects.
     *
     * @param outcomes only these outcomes; empty for all
     * @param since    only records that arrived at or after this instant, or null
     * @param until    only records that arrived before this instant, or null
     * @param limit    at most this many, at least 1
     * @param before   only records numbered below this, the previous page's cursor ({@link Long#MAX_VALUE} for the first page)
     */
    public record Query(Set<InvocationRecord.Outcome> outcomes, Instant since, Instant until, int limit, long before) {
        public Query {
            outcomes = Set.copyOf(outcomes);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }

        public static Query latest(int limit) {
            return new Query(Set.of(), null, null, limit, Long.MAX_VALUE);
        }

        /**
         * The position a page's cursor names.
         *
         * @throws IllegalArgumentException for a cursor no page gave
         */
        public static long after(String cursor) {
            if (cursor == null) {
                return Long.MAX_VALUE;
            }
            try {
                long n = Long.parseLong(cursor);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("cursor " + cursor + " is not one a page of invocations gave");
        }

        boolean selects(InvocationRecord r) {
            return (outcomes.isEmpty() || outcomes.contains(r.outcome()))
                    && (since == null || !r.arrived().isBefore(since))
                    && (until == null || r.arrived().isBefore(until));
        }
    }

    /** A page of records, newest first, and the cursor of the next one (null on the last page). */
    public record Page(List<InvocationRecord> records, String next) {
    }
}
