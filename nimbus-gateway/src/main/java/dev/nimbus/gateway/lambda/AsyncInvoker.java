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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code Event} invocations: the Invoke API queues them and answers 202, a fixed number of
 * threads take them from the queue and call the same {@link Invoker} synchronous invocations use.
 *
 * <p>Not durable yet: the queue lives in memory, bounded ({@link AsyncQueue}), and whatever waits
 * in it is lost when the server stops. A throttled invocation goes back into the queue after a
 * {@link Backoff} for up to {@link #MAX_EVENT_AGE}, keeping its place in the queue's limits while
 * it waits; a failed one is logged (server log, and the function's own output in its logs); there
 * are no retries of function errors, dead-letter queues or destinations yet.
 *
 * <p>Threading: request threads call {@link #submit}; {@code asyncConcurrency} virtual threads named
 * {@code nimbus-async-N} run invocations until {@link #close} interrupts them; one scheduler thread
 * puts throttled invocations back when they are due.
 */
public final class AsyncInvoker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AsyncInvoker.class.getName());

    /** How long a throttled invocation keeps being retried, as Lambda's default maximum event age. */
    static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
    private static final int MAX_LOGGED_CHARS = 200;

    /** Runs a task after a delay; refuses ({@link RejectedExecutionException}) once closed. */
    interface Later extends AutoCloseable {
        void after(Duration delay, Runnable task);

        @Override
        void close();

        static Later scheduler() {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("nimbus-async-retry").daemon(true).factory());
            return new Later() {
                @Override
                public void after(Duration delay, Runnable task) {
                    executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public void close() {
                    executor.shutdownNow();
                }
            };
        }
    }

    private final Invoker invoker;
    private final AsyncQueue queue;
    private final InstantSource clock;
    private final Later later;
    private final Backoff backoff;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private AsyncInvoker(Invoker invoker, AsyncQueue queue, InstantSource clock, Later later, Backoff backoff) {
        this.invoker = invoker;
        this.queue = queue;
        this.clock = clock;
        this.later = later;
        this.backoff = backoff;
    }

    public static AsyncInvoker start(Invoker invoker, GatewayConfig config, InstantSource clock) {
        return start(invoker, config, clock, Later.scheduler(), new Backoff(() -> ThreadLocalRandom.current().nextDouble()));
    }

    static AsyncInvoker start(Invoker invoker, GatewayConfig config, InstantSource clock, Later later, Backoff backoff) {
        var async = new AsyncInvoker(invoker, new AsyncQueue(config.asyncQueueDepth(), config.asyncQueueBytes()),
                clock, later, backoff);
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
        return !closed && queue.offer(new AsyncQueue.Queued(request, clock.instant(), 0));
    }

    private void run() {
        while (!closed) {
            AsyncQueue.Queued queued;
            try {
                queued = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return; // take() may return an invocation even though close() interrupted it first
            }
            boolean retrying = false;
            try {
                retrying = runOnce(queued);
            } finally {
                if (!retrying) {
                    queue.release(queued);
                }
            }
        }
    }

    /** Runs one attempt; true if the invocation waits for another one and so keeps its place. */
    private boolean runOnce(AsyncQueue.Queued queued) {
        InvocationRequest request = queued.request();
        try {
            InvocationResult result = invoker.invoke(request);
            if (result instanceof InvocationResult.Throttled t && retryLater(queued, t.retryAfterSeconds())) {
                return true;
            }
            String failure = failure(result);
            if (failure != null && !closed) {
                LOG.log(System.Logger.Level.WARNING, "Event invocation {0} of {1}:{2} failed ({3}); not retried",
                        request.requestId(), request.function().name(), request.function().version(), failure);
            }
        } catch (RuntimeException e) {
            if (closed) {
                LOG.log(System.Logger.Level.DEBUG, "Event invocation {0} stopped by shutdown: {1}", request.requestId(), e);
            } else {
                LOG.log(System.Logger.Level.ERROR, "Event invocation " + request.requestId() + " failed", e);
            }
        }
        return false;
    }

    /** Puts a throttled invocation back after its backoff; false once it is too old to retry or we are closing. */
    private boolean retryLater(AsyncQueue.Queued queued, int retryAfterSeconds) {
        Duration delay = backoff.next(queued.attempts());
        if (delay.getSeconds() < retryAfterSeconds) {
            delay = Duration.ofSeconds(retryAfterSeconds);
        }
        if (closed || clock.instant().plus(delay).isAfter(queued.firstQueued().plus(MAX_EVENT_AGE))) {
            return false;
        }
        AsyncQueue.Queued next = queued.retried();
        try {
            later.after(delay, () -> queue.requeue(next));
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
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

    /**
     * The start of a function's error document, fit for one log line: at most 200 characters, control
     * characters escaped so a function cannot forge log lines ({@code "a\nb"} becomes {@code a\nb}
     * with a literal backslash).
     */
    static String clip(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, MAX_LOGGED_CHARS * 4), StandardCharsets.UTF_8);
        var out = new StringBuilder();
        int i = 0;
        for (; i < s.length() && out.length() < MAX_LOGGED_CHARS; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return i < s.length() || body.length > MAX_LOGGED_CHARS * 4 ? out + "..." : out.toString();
    }

    @Override
    public void close() {
        closed = true;
        later.close();
        threads.forEach(Thread::interrupt);
    }
}
