package dev.nimbus.events.objects;

import java.time.InstantSource;

/**
 * The {@code sequencer} of S3 event records: increasing upper-case hex, 16 digits so that a later
 * write of a key also compares greater as a string. Each value is the clock in milliseconds
 * shifted left by 12 bits (room for 4,096 writes per millisecond), or one more than the last
 * value if that is greater: {@code 2026-11-26T10:00:00Z} = 1795687200000 ms gives
 * {@code 1A2174C3500000}, padded to {@code 001A2174C3500000}.
 *
 * <p>Threading: thread-safe.
 */
public final class Sequencer {
    private final InstantSource clock;
    private long last;

    public Sequencer(InstantSource clock) {
        this.clock = clock;
    }

    public synchronized String next() {
        last = Math.max(last + 1, clock.millis() << 12);
        return String.format("%016X", last);
    }
}
