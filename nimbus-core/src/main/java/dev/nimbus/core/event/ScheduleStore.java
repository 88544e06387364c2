package dev.nimbus.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable schedules. {@link #fire} commits a schedule's events and its next tick in one
 * transaction, and only if the schedule's next tick is still the one the caller read: each tick
 * fires exactly once, also across a crash or two servers.
 *
 * <p>Threading: implementations are thread-safe.
 */
public interface ScheduleStore {

    /** Creates or replaces {@code schedule}. */
    void put(Schedule schedule);

    Optional<Schedule> get(String name);

    List<Schedule> list();

    /** False if there was no such schedule. */
    boolean delete(String name);

    /** Deletes the schedules of a deleted function; returns how many. */
    int deleteFunction(String function);

    /** Schedules whose next tick is at or before {@code now}. */
    List<Schedule> due(Instant now);

    /**
     * If {@code schedule}'s next tick is still {@code schedule.nextFireAt()}: stores {@code events},
     * moves the next tick to {@code nextFireAt}, the last to {@code lastFiredAt} (if not null) and
     * adds {@code skipped}; all or nothing. False when another firing got there first.
     */
    boolean fire(Schedule schedule, List<AsyncEvent> events, Instant nextFireAt, Instant lastFiredAt, long skipped);
}
