package dev.nimbus.gateway;

import dev.nimbus.core.event.AsyncEvent;

/** Where {@code Event} invocations go: committed durably before the caller gets its 202. */
@FunctionalInterface
public interface AsyncEvents {

    /** Commits {@code event}; throws if it could not be stored (the caller then answers 500). */
    void submit(AsyncEvent event);
}
