package dev.nimbus.core.object;

import java.time.Instant;

/**
 * The {@code sequencer} of objects and of their S3 event records: increasing upper-case hex, 16
 * digits so that a later change of a key also compares greater as a string. Each value is the
 * change's time in milliseconds shifted left by 12 bits (room for 4,096 changes per millisecond),
 * or one more than the last value if that is greater: {@code 2026-11-26T10:00:00Z} =
 * 1795687200000 ms gives {@code 1A2174C3500000}, padded to {@code 001A2174C3500000}.
 *
 * <p>A store draws it in the transaction that commits the change, so sequencers increase in commit
 * order, and starts after the greatest one it holds, so they keep increasing across restarts even
 * when the clock went back. A deletion leaves no row behind: after a restart, only its time keeps
 * the next sequencer of that key greater than the deletion's.
 *
 * <p>Threading: thread-safe.
 */
public final class Sequencer {
    private long last;

    private Sequencer(long last) {
        this.last = last;
    }

    /** Starts after {@code highest}, the greatest sequencer stored, or from the clock alone if null. */
    public static Sequencer after(String highest) {
        return new Sequencer(highest == null ? 0 : Long.parseUnsignedLong(highest, 16));
    }

    /** The sequencer of a change made at {@code at}. */
    public synchronized String next(Instant at) {
        last = Math.max(last + 1, at.toEpochMilli() << 12);
        return String.format("%016X", last);
    }
}
