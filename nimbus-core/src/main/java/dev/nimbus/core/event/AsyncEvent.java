package dev.nimbus.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One asynchronous invocation of a function, as it is kept until delivered or dead-lettered.
 *
 * @param id            the event id the caller got with its 202 (also the invocation's request id)
 * @param function      function name
 * @param qualifier     the qualifier the caller named, or null for {@code $LATEST}
 * @param payload       the event bytes
 * @param clientContext the caller's client context (header-safe JSON), or null
 * @param traceId       the caller's trace header, or null
 * @param acceptedAt    when it was committed
 * @param status        where it is in its delivery
 * @param attempts      attempts that failed in the function (throttles and platform faults do not count)
 * @param dueAt         when the next attempt may start
 * @param lastError     the last failure, for operators, or null
 * @param finishedAt    when it was delivered or dead-lettered, or null
 * @param origin        what caused it, when its delivery configuration is not simply its function's:
 *                      {@code subscription:TOPIC/NAME}, {@code notification:BUCKET/NAME} or
 *                      {@code schedule:NAME}; null otherwise
 * @param depth         0 for an event from outside; 1 + its cause's for a destination's record, so that
 *                      chains of destinations (A → B → A) can be cut
 */
public record AsyncEvent(String id, String function, String qualifier, byte[] payload, String clientContext,
                         String traceId, Instant acceptedAt, EventStatus status, int attempts, Instant dueAt,
                         String lastError, Instant finishedAt, String origin, int depth) {

    public AsyncEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** A new event, pending and due at once. */
    public static AsyncEvent accepted(String id, String function, String qualifier, byte[] payload,
                                      String clientContext, String traceId, Instant now) {
        return new AsyncEvent(id, function, qualifier, payload, clientContext, traceId, now, EventStatus.PENDING, 0,
                now, null, null, null, 0);
    }

    /** This event, caused by {@code origin}. */
    public AsyncEvent withOrigin(String origin) {
        return new AsyncEvent(id, function, qualifier, payload, clientContext, traceId, acceptedAt, status, attempts,
                dueAt, lastError, finishedAt, origin, depth);
    }

    /** This event at {@code depth} in a chain of destinations. */
    public AsyncEvent withDepth(int depth) {
        return new AsyncEvent(id, function, qualifier, payload, clientContext, traceId, acceptedAt, status, attempts,
                dueAt, lastError, finishedAt, origin, depth);
    }
}
