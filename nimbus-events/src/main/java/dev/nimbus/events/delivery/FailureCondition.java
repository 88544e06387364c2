package dev.nimbus.events.delivery;

/** Why an event was given up on: Lambda's {@code requestContext.condition} of a failure record. */
enum FailureCondition {
    /** The function failed on every attempt the policy allowed. */
    RETRIES_EXHAUSTED("RetriesExhausted"),
    /** The event grew older than the maximum age before it could be delivered. */
    EVENT_AGE_EXCEEDED("EventAgeExceeded"),
    /** The function's reserved concurrency is 0: it takes no invocations, so none is tried. */
    ZERO_RESERVED_CONCURRENCY("ZeroReservedConcurrency");

    private final String wireName;

    FailureCondition(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
