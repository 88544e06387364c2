package dev.nimbus.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable asynchronous events and their delivery state. An event is claimed with a lease: a worker
 * that dies mid-delivery leaves it to be claimed again once the lease ends (or at once, after
 * {@link #releaseLeases}), so an event is delivered at least once and never lost.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface EventStore {

    /** Commits {@code event}; it is durable when this returns. An event whose id is stored already is left as it was. */
    void add(AsyncEvent event);

    /** Commits all of {@code events} in one transaction, or none; ids stored already are left as they were. */
    void addAll(List<AsyncEvent> events);

    /**
     * Takes up to {@code max} events that are due at {@code now} (pending, retrying, or in flight
     * with an expired lease), oldest due first, and marks them in flight until {@code now + lease}.
     */
    List<AsyncEvent> claim(Instant now, Duration lease, int max);

    /** Puts every event in flight back to pending: at start, when no other node can hold a lease. */
    int releaseLeases();

    /**
     * Marks the event delivered and commits {@code followUps} (records for its destinations) in the
     * same transaction; if the event is no longer in flight (redriven or purged meanwhile), nothing
     * changes. A worker that outlives its lease (longer than any invocation can take) is not told
     * apart from the one that claimed the event again.
     */
    void delivered(String id, Instant at, List<AsyncEvent> followUps);

    /** Another attempt at {@code dueAt}; {@code attempts} is the count of function failures so far. */
    void retry(String id, int attempts, Instant dueAt, String error);

    /**
     * Gives up on the event, keeping it with its last error, and commits {@code followUps} (records
     * for its failure destination and dead-letter topic) in the same transaction; nothing changes
     * if the event is no longer in flight.
     */
    void deadLetter(String id, int attempts, String error, Instant at, List<AsyncEvent> followUps);

    Optional<AsyncEvent> get(String id);

    /** The function's events, newest first, optionally of one status. */
    List<AsyncEvent> list(String function, EventStatus status, int limit);

    /** The events a subscription or schedule caused ({@link AsyncEvent#origin()}), newest first, optionally of one status. */
    List<AsyncEvent> listByOrigin(String origin, EventStatus status, int limit);

    /**
     * Puts the function's dead letters (all, or the one with {@code id}) back in line as new
     * events: pending, no attempts used, accepted (for their maximum age) {@code now}. Returns how many.
     */
    int redrive(String function, String id, Instant now);

    /** Deletes the function's dead letters (all, or the one with {@code id}); returns how many. */
    int purgeDeadLetters(String function, String id);

    /** Deletes every event of a deleted function (so a function created later under its name starts clean). */
    int deleteFunction(String function);

    /** Forgets delivered events finished before {@code before}; returns how many. */
    int purgeDelivered(Instant before);
}
