package dev.nimbus.gateway.lambda;

import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code Event} invocations: the Invoke API queues them and answers 202, a fixed number of
 * threads take them from the queue and call the same {@link Invoker} synchronous invocations use.
 *
 * <p>Not durable yet: the queue lives in memory, bounded ({@link AsyncQueue}), and whatever waits
 * in it is lost when the server stops. A throttled invocation goes back into the queue after a
 * backoff (1 s doubling up to 5 min, as Lambda does) for up to {@link #MAX_EVENT_AGE}; a failed one
 * is logged (server log, and the function's own output in its logs); there are no retries of
 * function errors, dead-letter queues or destinations yet.
 *
 * <p>Threading: request threads call {@link #submit}; {@code asyncConcurrency} virtual threads named
 * {@code nimbus-async-N} run invocations until {@link #close} interrupts them; one scheduler thread
 * puts throttled invocations back.
 */
public final class AsyncInvoker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AsyncInvoker.class.getName());

    /** How long a throttled invocation keeps being retried, as Lambda's default maximum event age. */
    static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
    private static final long MAX_BACKOFF_SECONDS = 300;

    private final Invoker invoker;
    private final AsyncQueue queue;
    private final InstantSource clock;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("nimbus-async-retry").daemon(true).factory());

    private AsyncInvoker(Invoker invoker, AsyncQueue queue, InstantSource clock) {
        this.invoker = invoker;
        this.queue = queue;
        this.clock = clock;
    }

    public static AsyncInvoker start(Invoker invoker, GatewayConfig config, InstantSource clock) {
        var async = new AsyncInvoker(invoker, new AsyncQueue(config.asyncQueueDepth(), config.asyncQueueBytes()),
                clock);
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
        return queue.offer(new AsyncQueue.Queued(request, clock.instant(), 0));
    }

    private void run() {
        while (true) {
            AsyncQueue.Queued queued;
            try {
                queued = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            InvocationRequest request = queued.request();
            try {
                InvocationResult result = invoker.invoke(request);
                if (result instanceof InvocationResult.Throttled t && retryLater(queued, t.retryAfterSeconds())) {
                    continue;
                }
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

    /** Puts a throttled invocation back after its backoff; false once it is too old to retry. */
    private boolean retryLater(AsyncQueue.Queued queued, int retryAfterSeconds) {
        long backoff = Math.max(retryAfterSeconds, Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(queued.attempts(), 9)));
        if (clock.instant().plusSeconds(backoff).isAfter(queued.firstQueued().plus(MAX_EVENT_AGE))) {
            return false;
        }
        var next = new AsyncQueue.Queued(queued.request(), queued.firstQueued(), queued.attempts() + 1);
        retries.schedule(() -> {
            if (!queue.offer(next)) {
                LOG.log(System.Logger.Level.WARNING, "Event invocation {0} of {1} dropped: throttled, and the queue "
                        + "was full when it was due again", next.request().requestId(), next.request().function().name());
            }
        }, backoff, TimeUnit.SECONDS);
        return true;
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
        retries.shutdownNow();
        threads.forEach(Thread::interrupt);
    }
}
