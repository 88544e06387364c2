package dev.nimbus.core.invoke;

import dev.nimbus.core.event.AsyncEvent;

/** What caused an invocation, as invocation records and metrics name it. */
public enum Trigger {
    /** an HTTP request to a function's route ({@code /fn/...}) or its function URL */
    HTTP,
    /** Nimbus's own invoke API ({@code POST /api/v1/functions/{name}/invoke}) */
    API,
    /** the Lambda Invoke API, synchronous */
    LAMBDA,
    /** an asynchronous invocation: the Lambda API's {@code Event} type, {@code /async}, a destination */
    ASYNC,
    /** an event published to a topic the function subscribes to */
    TOPIC,
    /** a bucket notification */
    BUCKET,
    /** a schedule */
    SCHEDULE;

    /** The trigger of an asynchronous event's delivery, from its origin. */
    public static Trigger of(AsyncEvent event) {
        String origin = event.origin();
        if (origin == null) {
            return ASYNC;
        }
        if (origin.startsWith("subscription:")) {
            return TOPIC;
        }
        if (origin.startsWith("notification:")) {
            return BUCKET;
        }
        return origin.startsWith("schedule:") ? SCHEDULE : ASYNC;
    }
}
