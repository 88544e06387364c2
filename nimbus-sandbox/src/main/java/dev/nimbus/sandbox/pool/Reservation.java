package dev.nimbus.sandbox.pool;

/**
 * The answer to a start asking for room: {@link Taken} room, which the start gives back exactly
 * once (when its instance has ended, or when it failed to spawn one), or {@link Refused} with the
 * reason shown to the invocations that waited for it.
 */
sealed interface Reservation {

    /**
     * One instance's room: one of the node's instances and {@code memoryMb} of its memory, and one
     * of {@code group}'s instances. The group is the one it was taken in, so giving it back is right
     * even if the pool's {@link InstanceGroups} were replaced meanwhile.
     */
    record Taken(String group, int memoryMb) implements Reservation {
    }

    /** No room; {@code message} says why in the caller's terms, naming nothing of the node's internals. */
    record Refused(String message) implements Reservation {
    }
}
