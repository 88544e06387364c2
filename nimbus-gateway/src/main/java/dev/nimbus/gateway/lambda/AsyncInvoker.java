package dev.nimbus.gateway.lambda;

import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code Event} invocations: the Invoke API queues them and answers 202, a fixed number of
 * threads take them from the queue and call the same {@link Invoker} synchronous invocations use.
 *
 * <p>Not durable yet: the queue lives in memory, bounded ({@link AsyncQueue}), and whatever waits
 * in it is lost when the server stops. A failed invocation is logged (server log, and the
 * function's own output in its logs); there are no retries, dead-letter queues or destinations yet.
 *
 * <p>Threading: request threads call {@link #submit}; {@code asyncConcurrency} virtual threads named
 * {@code nimbus-async-N} run invocations until {@link #close} interrupts them.
 */
public final class AsyncInvoker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AsyncInvoker.class.getName());

    private final Invoker invoker;
    private final AsyncQueue queue;
    private final List<Thread> threads = new ArrayList<>();

    private AsyncInvoker(Invoker invoker, AsyncQueue queue) {
        this.invoker = invoker;
        this.queue = queue;
    }

    public static AsyncInvoker start(Invoker invoker, GatewayConfig config) {
        var async = new AsyncInvoker(invoker, new AsyncQueue(config.asyncQueueDepth(), config.asyncQueueBytes()));
        var factory = Thread.ofVirtual().name("nimbus-async-", 0).factory();
        for (int i = 0; i < config.asyncConcurrency(); i++) {
            Thread t = factory.newThread(async::run);
            async.threads.add(t);
            t.start();
        }
        return async;
    }

    /** Queues an invocation; false when the queue is full (the caller answers 429). */
    boolean submit(InvocationRequest request) {
        return queue.offer(request);
    }

    private void run() {
        while (true) {
            InvocationRequest request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                InvocationResult result = invoker.invoke(request);
                String failure = failure(result);
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "Event invocation {0} of {1}:{2} failed ({3}); not retried",
                            request.requestId(), request.function().name(), request.function().version(), failure);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Event invocation " + request.requestId() + " failed", e);
            }
        }
    }

    /** What went wrong, for the server log; null for a success. */
    static String failure(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success s -> null;
            case InvocationResult.FunctionError e -> e.errorType() + ": " + clip(e.body());
            case InvocationResult.InitError e -> e.errorType() + ": " + clip(e.body());
            case InvocationResult.Timeout t -> "Sandbox.Timedout after " + t.timeoutSeconds() + " s";
            case InvocationResult.Throttled t -> "throttled: " + t.reason();
            case InvocationResult.PlatformError p -> "platform error: " + p.message();
        };
    }

    private static String clip(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        return body.length > 500 ? s + "..." : s;
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
