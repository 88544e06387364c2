package dev.nimbus.events.delivery;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Trigger;
import dev.nimbus.core.trace.TraceContext;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.invoke.Invoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivers durable asynchronous invocations. {@link #submit} commits an event before it returns
 * (the caller answers 202 only then); a poller claims due events with a lease, at most {@code
 * workers} at a time, and each runs through the same {@link Invoker} as a synchronous call. The
 * result decides by the {@link DeliveryPolicy}: delivered; retried later (a function error uses an
 * attempt, throttling and platform faults do not); or dead-lettered with the last error. A server
 * killed mid-delivery leaves events in flight; the next start puts them back ({@link
 * EventStore#releaseLeases}), so each accepted event is delivered at least once.
 *
 * <p>Threading: request threads call {@link #submit}; one poller thread claims and hands events to
 * virtual worker threads, at most {@code workers} running; {@code signal} wakes the poller when an
 * event is added or a worker finishes.
 */
public final class AsyncDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AsyncDispatcher.class.getName());
    /**
     * Longer than any invocation can take (a 15 min queue wait, a 5 min init, a 15 min run): a live
     * worker never loses its lease. Leases matter only for a worker that hangs: a server that
     * stops or dies has its leases released at its next start.
     */
    static final Duration LEASE = Duration.ofMinutes(40);
    /** How often due retries are looked for when nothing wakes the poller. */
    static final Duration POLL = Duration.ofMillis(250);
    /** Delivered events are kept this long for the API, then purged. */
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"errorMessage\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,500})");

    private final EventStore store;
    private final FunctionCatalog catalog;
    private final Invoker invoker;
    private final DeliveryPolicy policy;
    private final Function<AsyncEvent, DeliveryConfig> configs;
    private final Destinations destinations;
    private final InstantSource clock;
    private final DoubleSupplier random;
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean signalled;
    private volatile boolean running = true;
    private volatile BiConsumer<String, Delivery> observer = (function, delivery) -> { };
    private Thread poller;
    private Instant nextPurge = Instant.MIN;

    AsyncDispatcher(EventStore store, FunctionCatalog catalog, Invoker invoker, DeliveryPolicy policy,
                    Function<AsyncEvent, DeliveryConfig> configs, Destinations destinations, int workers,
                    InstantSource clock, DoubleSupplier random) {
        if (workers < 1 || workers > 1000) {
            throw new IllegalArgumentException("workers must be between 1 and 1000, was " + workers);
        }
        this.store = store;
        this.catalog = catalog;
        this.invoker = invoker;
        this.policy = policy;
        this.configs = configs;
        this.destinations = destinations;
        this.clock = clock;
        this.random = random;
        this.slots = new Semaphore(workers);
    }

    /** What became of one delivery attempt, for metrics. */
    public enum Delivery {
        /** the function succeeded: the event is done */
        DELIVERED,
        /** it failed, was throttled or met a platform fault: the event waits for another attempt */
        RETRIED,
        /** it was given up on */
        DEAD_LETTERED
    }

    /** Tells {@code observer} (function name, outcome) of every attempt from now on; it must be quick. */
    public void observe(BiConsumer<String, Delivery> observer) {
        this.observer = observer;
    }

    /**
     * Puts events left in flight by a previous run back in line and starts delivering.
     *
     * @param defaults     the server's delivery policy
     * @param configs      the delivery configuration each event follows ({@link DeliveryConfigs})
     * @param destinations what outcomes send on
     */
    public static AsyncDispatcher start(EventStore store, FunctionCatalog catalog, Invoker invoker,
                                        DeliveryPolicy defaults, Function<AsyncEvent, DeliveryConfig> configs,
                                        Destinations destinations, int workers, InstantSource clock) {
        var dispatcher = new AsyncDispatcher(store, catalog, invoker, defaults, configs, destinations, workers, clock,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        int released = store.releaseLeases();
        if (released > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} asynchronous event(s) were in flight when the server stopped; "
                    + "delivering them again", released);
        }
        dispatcher.poller = Thread.ofPlatform().name("nimbus-async").daemon(true).start(dispatcher::poll);
        return dispatcher;
    }

    /** Commits {@code event}; when this returns it will be delivered, whatever happens to the server. */
    public void submit(AsyncEvent event) {
        store.add(event);
        wake();
    }

    /** New events were stored by someone else (a schedule firing): look for due events now. */
    public void wakeUp() {
        wake();
    }

    private void wake() {
        lock.lock();
        try {
            signalled = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void poll() {
        while (running) {
            try {
                int claimed = claimAndRun();
                purgeNow();
                if (claimed == 0 || slots.availablePermits() == 0) {
                    awaitSignal();
                }
            } catch (Throwable e) { // an Error must not stop delivery while 202s are still given
                LOG.log(System.Logger.Level.ERROR, "claiming asynchronous events failed; trying again", e);
                awaitSignal();
            }
        }
    }

    /** Claims as many due events as there are free workers and starts them; returns how many. */
    int claimAndRun() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        List<AsyncEvent> due = store.claim(clock.instant(), LEASE, free);
        for (AsyncEvent event : due) {
            slots.acquireUninterruptibly();
            try {
                workers.execute(() -> {
                    try {
                        deliver(event);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "delivering event " + event.id() + " failed", e);
                        putBack(event, "ServiceException: delivery failed");
                    } finally {
                        slots.release();
                        wake();
                    }
                });
            } catch (RejectedExecutionException e) { // closing
                slots.release();
                putBack(event, "ServiceException: not started, the server is stopping");
            }
        }
        return due.size();
    }

    private void awaitSignal() {
        lock.lock();
        try {
            if (!signalled && running) {
                signal.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void purgeNow() {
        Instant now = clock.instant();
        if (now.isAfter(nextPurge)) {
            nextPurge = now.plus(Duration.ofMinutes(10));
            int purged = store.purgeDelivered(now.minus(RETENTION));
            if (purged > 0) {
                LOG.log(System.Logger.Level.DEBUG, "purged {0} delivered events older than {1}", purged, RETENTION);
            }
        }
    }

    /**
     * One attempt at {@code event}, and what its delivery configuration makes of the result; the
     * records for its destinations are committed with the outcome.
     */
    void deliver(AsyncEvent event) {
        Instant now = clock.instant();
        DeliveryConfig config = config(event);
        DeliveryPolicy policy = this.policy.with(config);
        if (Duration.between(event.acceptedAt(), now).compareTo(policy.maxAge()) > 0) {
            String error = "EventAgeExceeded: not delivered within " + policy.maxAge().toMinutes() + " minutes"
                    + (event.lastError() == null ? "" : "; last error: " + event.lastError());
            giveUp(event, config, FailureCondition.EVENT_AGE_EXCEEDED, event.attempts(), null, null, error, now);
            return;
        }
        Optional<FunctionCatalog.Target> target = catalog.resolve(event.function(), event.qualifier());
        if (target.isEmpty()) {
            observer.accept(event.function(), Delivery.DEAD_LETTERED);
            store.deadLetter(event.id(), event.attempts(), "ResourceNotFoundException: function " + event.function()
                    + (event.qualifier() == null ? "" : ":" + event.qualifier()) + " does not exist", now, List.of());
            return;
        }
        if (catalog.state(event.function()).map(s -> Integer.valueOf(0).equals(s.reservedConcurrency())).orElse(false)) {
            giveUp(event, config, FailureCondition.ZERO_RESERVED_CONCURRENCY, 0, null, null,
                    "ZeroReservedConcurrency: the function's reserved concurrency is 0, so it takes no invocations", now);
            return;
        }
        String version = target.get().revision().version();
        InvocationResult result = invoker.invoke(new InvocationRequest(event.id(), target.get().revision(),
                target.get().qualifier(), event.payload(), event.clientContext(), Trigger.of(event),
                TraceContext.continuing(event.traceId(), event.traceId()), null));
        Instant done = clock.instant();
        if (result instanceof InvocationResult.Success || result instanceof InvocationResult.Throttled
                || result instanceof InvocationResult.PlatformError) {
            observer.accept(event.function(), result instanceof InvocationResult.Success ? Delivery.DELIVERED
                    : Delivery.RETRIED);
        }
        switch (result) {
            case InvocationResult.Success s -> store.delivered(event.id(), done,
                    followUps(event, () -> destinations.success(event, config, version, s.body(), done)));
            case InvocationResult.FunctionError e -> failed(event, config, policy, version, e.body(),
                    e.errorType() + ": " + message(e.body()), done);
            case InvocationResult.InitError e -> failed(event, config, policy, version, e.body(),
                    e.errorType() + ": " + message(e.body()), done);
            case InvocationResult.Timeout t -> failed(event, config, policy, version, t.body(),
                    "Sandbox.Timedout: " + message(t.body()), done);
            case InvocationResult.Throttled t -> store.retry(event.id(), event.attempts(),
                    done.plus(policy.delay(1, random.getAsDouble())), "Throttled: " + t.message());
            case InvocationResult.PlatformError p -> store.retry(event.id(), event.attempts(),
                    done.plus(policy.delay(1, random.getAsDouble())), "ServiceException: " + p.message());
        }
    }

    /** A function failure: another attempt if the policy has one left, else the event is given up on. */
    private void failed(AsyncEvent event, DeliveryConfig config, DeliveryPolicy policy, String version, byte[] errorBody,
                        String error, Instant now) {
        int attempts = event.attempts() + 1;
        if (attempts > policy.maxRetries()) {
            giveUp(event, config, FailureCondition.RETRIES_EXHAUSTED, attempts, version, errorBody, error, now);
        } else {
            observer.accept(event.function(), Delivery.RETRIED);
            store.retry(event.id(), attempts, now.plus(policy.delay(attempts, random.getAsDouble())), error);
        }
    }

    /** Dead-letters the event, sending records to its failure destination and dead-letter topic in the same commit. */
    private void giveUp(AsyncEvent event, DeliveryConfig config, FailureCondition condition, int invokeCount,
                        String version, byte[] errorBody, String error, Instant now) {
        observer.accept(event.function(), Delivery.DEAD_LETTERED);
        store.deadLetter(event.id(), Math.max(event.attempts(), invokeCount), error, now, followUps(event,
                () -> destinations.failure(event, config, condition, invokeCount, version, errorBody, error, now)));
    }

    /**
     * The event's delivery configuration; the server's defaults if it cannot be read, so that a
     * broken configuration never keeps an event from being delivered or given up on.
     */
    private DeliveryConfig config(AsyncEvent event) {
        try {
            return configs.apply(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the delivery configuration of event " + event.id() + " cannot be read;"
                    + " delivering it with the server's defaults", e);
            return DeliveryConfig.NONE;
        }
    }

    /**
     * The records an outcome sends, or none if they cannot be made: the outcome itself must be
     * written, since otherwise a function that succeeded would be invoked again.
     */
    private List<AsyncEvent> followUps(AsyncEvent event, Supplier<List<AsyncEvent>> records) {
        try {
            return records.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the destination records of event " + event.id() + " could not be made;"
                    + " its outcome is written without them", e);
            return List.of();
        }
    }

    /** The errorMessage of a Lambda error document (still JSON-escaped), or its start. */
    private static String message(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher m = ERROR_MESSAGE.matcher(text);
        return m.find() ? m.group(1) : text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** Back in line after a platform fault, no attempt used; if even that fails, the lease brings it back. */
    private void putBack(AsyncEvent event, String error) {
        try {
            store.retry(event.id(), event.attempts(), clock.instant().plus(policy.delay(1, random.getAsDouble())), error);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "event " + event.id() + " could not be put back; its lease ends in "
                    + LEASE.toMinutes() + " minutes, or at the next start", e);
        }
    }

    /**
     * Stops claiming; deliveries under way are interrupted (their events are retried, or delivered
     * again at the next start) and waited for briefly so that their outcome is written.
     */
    @Override
    public void close() {
        running = false;
        wake();
        if (poller != null) {
            try {
                poller.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
