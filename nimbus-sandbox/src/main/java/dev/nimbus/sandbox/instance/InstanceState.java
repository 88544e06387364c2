package dev.nimbus.sandbox.instance;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of an instance. Every transition not in this table is illegal:
 *
 * <pre>
 * STARTING → BUSY (first invocation handed over during start), IDLE, FAILED, STOPPED
 * IDLE     → BUSY, DRAINING, STOPPED, FAILED
 * BUSY     → IDLE, DRAINING, FAILED, STOPPED
 * DRAINING → STOPPED, FAILED
 * STOPPED, FAILED → (terminal)
 * </pre>
 *
 * DRAINING means "finish the in-flight invocation, take no new one, then stop".
 */
public enum InstanceState {
    STARTING, IDLE, BUSY, DRAINING, STOPPED, FAILED;

    private Set<InstanceState> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(BUSY, IDLE, FAILED, STOPPED);
            case IDLE -> EnumSet.of(BUSY, DRAINING, STOPPED, FAILED);
            case BUSY -> EnumSet.of(IDLE, DRAINING, FAILED, STOPPED);
            case DRAINING -> EnumSet.of(STOPPED, FAILED);
            case STOPPED, FAILED -> EnumSet.noneOf(InstanceState.class);
        };
    }

    public boolean canMoveTo(InstanceState target) {
        return next().contains(target);
    }

    /** Returns {@code target} or throws if the move is illegal. */
    public InstanceState moveTo(InstanceState target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("illegal instance transition " + this + " → " + target);
        }
        return target;
    }

    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
