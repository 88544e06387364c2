package dev.nimbus.sandbox.instance;

import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import java.util.concurrent.CompletableFuture;

/**
 * An invocation handed to an instance. {@link #pickedUp} completes with the deadline (epoch ms)
 * when the runtime receives the event through {@code /next}; {@link #result} completes once, by
 * whichever comes first: the runtime's answer, the process exiting, or the timeout.
 */
final class Pending {
    final InvocationRequest request;
    final CompletableFuture<Long> pickedUp = new CompletableFuture<>();
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    long pickedUpNanos;

    Pending(InvocationRequest request) {
        this.request = request;
    }

    String id() {
        return request.requestId();
    }
}
