package dev.nimbus.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.EventStatus;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The delivery policy applied to invocation results, on an in-memory store and a manual clock. */
class AsyncDispatcherTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final FunctionRevision ORDERS = new FunctionRevision("orders", 1, FunctionConfig.of(Runtime.PYTHON3, "app.handler"),
            "0".repeat(64), 1, T0, "rev-1", FunctionRevision.LATEST);

    /** A clock the test moves. */
    static final class ManualClock implements InstantSource {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Keeps events in a map, as the SQL store keeps rows; leases are not needed here. */
    static final class MemoryStore implements EventStore {
        final Map<String, AsyncEvent> events = new LinkedHashMap<>();

        @Override
        public synchronized void add(AsyncEvent e) {
            events.put(e.id(), e);
        }

        @Override
        public synchronized void addAll(List<AsyncEvent> all) {
            all.forEach(this::add);
        }

        @Override
        public synchronized List<AsyncEvent> claim(Instant now, Duration lease, int max) {
            List<AsyncEvent> due = events.values().stream()
                    .filter(e -> (e.status() == EventStatus.PENDING || e.status() == EventStatus.RETRYING)
                            && !e.dueAt().isAfter(now))
                    .sorted(Comparator.comparing(AsyncEvent::dueAt)).limit(max).toList();
            due.forEach(e -> events.put(e.id(), with(e, EventStatus.IN_FLIGHT, e.attempts(), e.dueAt(), e.lastError(), null)));
            return due;
        }

        @Override
        public synchronized int releaseLeases() {
            return 0;
        }

        @Override
        public synchronized void delivered(String id, Instant at) {
            AsyncEvent e = events.get(id);
            events.put(id, with(e, EventStatus.DELIVERED, e.attempts(), e.dueAt(), e.lastError(), at));
        }

        @Override
        public synchronized void retry(String id, int attempts, Instant dueAt, String error) {
            events.put(id, with(events.get(id), EventStatus.RETRYING, attempts, dueAt, error, null));
        }

        @Override
        public synchronized void deadLetter(String id, int attempts, String error, Instant at) {
            AsyncEvent e = events.get(id);
            events.put(id, with(e, EventStatus.DEAD_LETTERED, attempts, e.dueAt(), error, at));
        }

        @Override
        public synchronized Optional<AsyncEvent> get(String id) {
            return Optional.ofNullable(events.get(id));
        }

        @Override
        public synchronized List<AsyncEvent> list(String function, EventStatus status, int limit) {
            return new ArrayList<>(events.values());
        }

        @Override
        public synchronized int redrive(String function, String id, Instant now) {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }

        @Override
        public synchronized int deleteFunction(String function) {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }

        @Override
        public synchronized int purgeDeadLetters(String function, String id) {
            throw new UnsupportedOperationException("not used by the dispatcher");
        }

        @Override
        public synchronized int purgeDelivered(Instant before) {
            return 0;
        }

        private static AsyncEvent with(AsyncEvent e, EventStatus status, int attempts, Instant due, String error,
                                       Instant finished) {
            return new AsyncEvent(e.id(), e.function(), e.qualifier(), e.payload(), e.clientContext(), e.traceId(),
                    e.acceptedAt(), status, attempts, due, error, finished);
        }
    }

    /** Knows one function, orders. */
    static final class Catalog implements FunctionCatalog {
        @Override
        public Optional<FunctionState> state(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Target> resolve(String name, String qualifier) {
            return name.equals("orders") ? Optional.of(new Target(ORDERS, qualifier)) : Optional.empty();
        }

        @Override
        public Optional<FunctionUrl> url(String urlId) {
            return Optional.empty();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final MemoryStore store = new MemoryStore();
    private final Queue<InvocationResult> results = new ArrayDeque<>();
    private final List<InvocationRequest> invoked = new ArrayList<>();
    private final DeliveryPolicy policy = new DeliveryPolicy(2, Duration.ofMinutes(10), Duration.ofSeconds(2),
            Duration.ofSeconds(30));
    private final AsyncDispatcher dispatcher = new AsyncDispatcher(store, new Catalog(), request -> {
        invoked.add(request);
        return results.remove();
    }, policy, 4, clock, () -> 0.0);

    private static final InvocationResult OK = new InvocationResult.Success("{}".getBytes(), "application/json");
    private static final InvocationResult FAILED = new InvocationResult.FunctionError("ValueError",
            "{\"errorType\":\"ValueError\",\"errorMessage\":\"no such order\"}".getBytes(StandardCharsets.UTF_8));
    private static final InvocationResult THROTTLED = new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded",
            "busy", 1);

    private AsyncEvent accept(String id, String function) {
        var e = AsyncEvent.accepted(id, function, null, "{\"n\":1}".getBytes(), null, "Root=1-abc", clock.now);
        store.add(e);
        return e;
    }

    private AsyncEvent current(String id) {
        return store.get(id).orElseThrow();
    }

    /** Claims what is due now and delivers it on this thread. */
    private void deliverDue() {
        store.claim(clock.now, AsyncDispatcher.LEASE, 10).forEach(dispatcher::deliver);
    }

    @Test
    void aSuccessIsDeliveredWithTheEventsIdAsRequestId() {
        accept("e1", "orders");
        results.add(OK);

        deliverDue();

        assertThat(current("e1").status()).isEqualTo(EventStatus.DELIVERED);
        assertThat(current("e1").finishedAt()).isEqualTo(T0);
        assertThat(invoked.getFirst().requestId()).isEqualTo("e1");
        assertThat(invoked.getFirst().traceId()).isEqualTo("Root=1-abc");
    }

    @Test
    void functionErrorsUseAttemptsWithGrowingDelaysThenTheEventIsDeadLettered() {
        accept("e1", "orders");
        results.addAll(List.of(FAILED, FAILED, FAILED));

        deliverDue();
        assertThat(current("e1").status()).isEqualTo(EventStatus.RETRYING);
        assertThat(current("e1").attempts()).isEqualTo(1);
        assertThat(current("e1").dueAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(current("e1").lastError()).isEqualTo("ValueError: no such order");
        deliverDue();
        assertThat(invoked).as("not due yet").hasSize(1);

        clock.now = T0.plusSeconds(1);
        deliverDue();
        assertThat(current("e1").dueAt()).isEqualTo(T0.plusSeconds(3));
        clock.now = T0.plusSeconds(3);
        deliverDue();

        assertThat(current("e1").status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(current("e1").attempts()).isEqualTo(3);
        assertThat(invoked).hasSize(3);
    }

    @Test
    void throttlingIsRetriedWithoutUsingAnAttempt() {
        accept("e1", "orders");
        results.addAll(List.of(THROTTLED, THROTTLED, OK));

        for (int i = 0; i < 3; i++) {
            deliverDue();
            clock.now = clock.now.plusSeconds(1);
        }

        assertThat(current("e1").status()).isEqualTo(EventStatus.DELIVERED);
        assertThat(current("e1").attempts()).isZero();
    }

    @Test
    void anEventOlderThanTheMaximumAgeIsDeadLetteredWithItsLastError() {
        accept("e1", "orders");
        results.add(THROTTLED);
        deliverDue();

        clock.now = T0.plus(Duration.ofMinutes(11));
        deliverDue();

        assertThat(current("e1").status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(current("e1").lastError()).startsWith("EventAgeExceeded").contains("Throttled: busy");
        assertThat(invoked).hasSize(1);
    }

    @Test
    void anEventForAFunctionThatNoLongerExistsIsDeadLettered() {
        accept("e1", "gone");

        deliverDue();

        assertThat(current("e1").status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(current("e1").lastError()).contains("ResourceNotFoundException", "gone");
        assertThat(invoked).isEmpty();
    }

    @Test
    void theClaimTakesNoMoreThanTheFreeWorkers() {
        for (int i = 0; i < 6; i++) {
            accept("e" + i, "orders");
        }
        var never = new java.util.concurrent.CountDownLatch(1);
        var blocking = new AsyncDispatcher(store, new Catalog(), request -> {
            try {
                never.await(); // a long invocation: the workers stay busy until the dispatcher closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        }, policy, 4, clock, () -> 0.0);
        try {
            assertThat(blocking.claimAndRun()).isEqualTo(4);
            assertThat(blocking.claimAndRun()).as("no worker free").isZero();
            assertThat(store.events.values()).filteredOn(e -> e.status() == EventStatus.PENDING).hasSize(2);
        } finally {
            blocking.close();
        }
    }
}
