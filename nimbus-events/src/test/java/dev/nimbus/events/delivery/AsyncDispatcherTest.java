package dev.nimbus.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.event.AsyncEvent;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Destination;
import dev.nimbus.core.event.EventStatus;
import dev.nimbus.core.event.EventStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.FunctionUrl;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.Trigger;
import dev.nimbus.core.invoke.InvocationResult;
import io.cloudevents.CloudEvent;
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
    static final FunctionRevision AUDIT = new FunctionRevision("audit", 1, FunctionConfig.of(Runtime.PYTHON3, "app.handler"),
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
        public synchronized void delivered(String id, Instant at, List<AsyncEvent> followUps) {
            AsyncEvent e = events.get(id);
            events.put(id, with(e, EventStatus.DELIVERED, e.attempts(), e.dueAt(), e.lastError(), at));
            followUps.forEach(f -> events.putIfAbsent(f.id(), f));
        }

        @Override
        public synchronized void retry(String id, int attempts, Instant dueAt, String error) {
            events.put(id, with(events.get(id), EventStatus.RETRYING, attempts, dueAt, error, null));
        }

        @Override
        public synchronized void deadLetter(String id, int attempts, String error, Instant at,
                                            List<AsyncEvent> followUps) {
            AsyncEvent e = events.get(id);
            events.put(id, with(e, EventStatus.DEAD_LETTERED, attempts, e.dueAt(), error, at));
            followUps.forEach(f -> events.putIfAbsent(f.id(), f));
        }

        @Override
        public synchronized Optional<AsyncEvent> get(String id) {
            return Optional.ofNullable(events.get(id));
        }

        @Override
        public synchronized List<AsyncEvent> list(String function, EventStatus status, int limit) {
            return events.values().stream().filter(e -> e.function().equals(function)).toList();
        }

        @Override
        public synchronized List<AsyncEvent> listByOrigin(String origin, EventStatus status, int limit) {
            throw new UnsupportedOperationException("not used by the dispatcher");
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
                    e.acceptedAt(), status, attempts, due, error, finished, e.origin(), e.depth());
        }
    }

    /** Knows two functions, orders and audit; orders may have reserved concurrency. */
    static final class Catalog implements FunctionCatalog {
        Integer reserved;

        @Override
        public Optional<FunctionState> state(String name) {
            return resolve(name, null).map(t -> new FunctionState(t.revision(), List.of(), List.of(),
                    name.equals("orders") ? reserved : null, List.of()));
        }

        @Override
        public Optional<Target> resolve(String name, String qualifier) {
            FunctionRevision revision = switch (name) {
                case "orders" -> ORDERS;
                case "audit" -> AUDIT;
                default -> null;
            };
            return Optional.ofNullable(revision).map(r -> new Target(r, qualifier));
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
    private final Catalog catalog = new Catalog();
    private final ObjectMapper json = new ObjectMapper();
    /** The CloudEvents published to each topic; each causes one invocation of audit. */
    private final Map<String, List<CloudEvent>> published = new LinkedHashMap<>();
    private final Destinations destinations = new Destinations(catalog, (topic, event, publisher, now) -> {
        published.computeIfAbsent(topic, t -> new ArrayList<>()).add(event);
        return List.of(AsyncEvent.accepted(topic + "/" + event.getId(), "audit", null, event.getData().toBytes(), null,
                null, now));
    }, json);
    private DeliveryConfig config = DeliveryConfig.NONE;
    private final AsyncDispatcher dispatcher = new AsyncDispatcher(store, catalog, request -> {
        invoked.add(request);
        return results.remove();
    }, policy, e -> config, destinations, 4, clock, () -> 0.0);

    private static final InvocationResult OK = new InvocationResult.Success("{}".getBytes(), "application/json");
    private static final InvocationResult FAILED = new InvocationResult.FunctionError("ValueError",
            "{\"errorType\":\"ValueError\",\"errorMessage\":\"no such order\"}".getBytes(StandardCharsets.UTF_8));
    private static final InvocationResult THROTTLED = new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded",
            "busy", 1);

    private AsyncEvent accept(String id, String function) {
        var e = AsyncEvent.accepted(id, function, null, "{\"n\":1}".getBytes(), null, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", clock.now);
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
        assertThat(invoked.getFirst().trace().traceId()).as("the caller's trace continues")
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(invoked.getFirst().trace().parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(invoked.getFirst().trigger()).isEqualTo(Trigger.ASYNC);
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
        var blocking = new AsyncDispatcher(store, catalog, request -> {
            try {
                never.await(); // a long invocation: the workers stay busy until the dispatcher closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        }, policy, e -> config, destinations, 4, clock, () -> 0.0);
        try {
            assertThat(blocking.claimAndRun()).isEqualTo(4);
            assertThat(blocking.claimAndRun()).as("no worker free").isZero();
            assertThat(store.events.values()).filteredOn(e -> e.status() == EventStatus.PENDING).hasSize(2);
        } finally {
            blocking.close();
        }
    }

    private JsonNode onlyEventOf(String function) throws Exception {
        List<AsyncEvent> events = store.list(function, null, 10);
        assertThat(events).hasSize(1);
        return json.readTree(events.getFirst().payload());
    }

    @Test
    void aSuccessSendsARecordInLambdasShapeToTheOnSuccessFunction() throws Exception {
        config = new DeliveryConfig(null, null, Destination.parse("function:audit"), null, null);
        accept("e1", "orders");
        results.add(new InvocationResult.Success("{\"total\":3}".getBytes(), "application/json"));

        deliverDue();

        JsonNode record = onlyEventOf("audit");
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("timestamp").asText()).isEqualTo("2026-11-26T10:00:00.000Z");
        assertThat(record.at("/requestContext/requestId").asText()).isEqualTo("e1");
        assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:orders:$LATEST");
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.at("/requestPayload/n").asInt()).isEqualTo(1);
        assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
        assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(record.at("/responseContext/functionError").isMissingNode()).isTrue();
        assertThat(record.at("/responsePayload/total").asInt()).isEqualTo(3);
    }

    @Test
    void givingUpSendsAFailureRecordAndTheOriginalEventToTheDeadLetterTopic() throws Exception {
        config = new DeliveryConfig(1, null, null, Destination.parse("topic:failures"), Destination.parse("topic:dead"));
        accept("e1", "orders");
        results.addAll(List.of(FAILED, FAILED));

        deliverDue();
        clock.now = T0.plusSeconds(1);
        deliverDue();

        assertThat(current("e1").status()).as("maxRetries 1 of the configuration").isEqualTo(EventStatus.DEAD_LETTERED);
        CloudEvent failure = published.get("failures").getFirst();
        assertThat(failure.getType()).isEqualTo("nimbus.invocation.failure");
        assertThat(failure.getExtension("nimbusfunction")).isEqualTo("orders");
        JsonNode record = json.readTree(failure.getData().toBytes());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("no such order");
        CloudEvent dead = published.get("dead").getFirst();
        assertThat(dead.getType()).isEqualTo("nimbus.deadletter");
        assertThat(new String(dead.getData().toBytes())).isEqualTo("{\"n\":1}");
        assertThat(dead.getExtension("requestid")).isEqualTo("e1");
        assertThat(dead.getExtension("errormessage")).isEqualTo("ValueError: no such order");
        assertThat(store.list("audit", null, 10)).as("committed with the dead letter").hasSize(2);
    }

    @Test
    void aFunctionWithZeroReservedConcurrencyIsNotInvokedAndItsEventsFailAtOnce() throws Exception {
        config = new DeliveryConfig(null, null, null, Destination.parse("function:audit"), null);
        catalog.reserved = 0;
        accept("e1", "orders");

        deliverDue();

        assertThat(invoked).isEmpty();
        assertThat(current("e1").status()).isEqualTo(EventStatus.DEAD_LETTERED);
        JsonNode record = onlyEventOf("audit");
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("ZeroReservedConcurrency");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
        assertThat(record.has("responseContext")).isFalse();
    }

    @Test
    void theConfiguredMaximumAgeReplacesTheDefault() throws Exception {
        config = new DeliveryConfig(null, 60, null, Destination.parse("function:audit"), null);
        accept("e1", "orders");
        results.add(THROTTLED);
        deliverDue();

        clock.now = T0.plusSeconds(61);
        deliverDue();

        assertThat(current("e1").status()).isEqualTo(EventStatus.DEAD_LETTERED);
        assertThat(onlyEventOf("audit").at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
    }

    @Test
    void aNonJsonPayloadIsCarriedAsAString() throws Exception {
        config = new DeliveryConfig(null, null, Destination.parse("function:audit"), null, null);
        store.add(AsyncEvent.accepted("e1", "orders", null, "plain text".getBytes(), null, null, clock.now));
        results.add(new InvocationResult.Success("done".getBytes(), "text/plain"));

        deliverDue();

        JsonNode record = onlyEventOf("audit");
        assertThat(record.path("requestPayload").asText()).isEqualTo("plain text");
        assertThat(record.path("responsePayload").asText()).isEqualTo("done");
    }

    @Test
    void aChainOfRecordsEndsAtTheMaximumDepth() {
        config = new DeliveryConfig(null, null, Destination.parse("function:audit"), null, null);
        store.add(AsyncEvent.accepted("deep", "orders", null, "{}".getBytes(), null, null, clock.now)
                .withDepth(Destinations.MAX_DEPTH));
        store.add(AsyncEvent.accepted("shallow", "orders", null, "{}".getBytes(), null, null, clock.now).withDepth(3));
        results.addAll(List.of(OK, OK));

        deliverDue();

        assertThat(current("deep").status()).isEqualTo(EventStatus.DELIVERED);
        assertThat(store.list("audit", null, 10)).singleElement().satisfies(record -> {
            assertThat(record.depth()).isEqualTo(4);
            assertThat(new String(record.payload())).contains("\"requestId\":\"shallow\"");
        });
    }

    @Test
    void aRecordLeavesOutPayloadsThatWouldMakeItLargerThanOneMebibyte() throws Exception {
        config = new DeliveryConfig(null, null, Destination.parse("function:audit"), null, null);
        accept("e1", "orders");
        byte[] huge = ("\"" + "x".repeat(1_500_000) + "\"").getBytes();
        results.add(new InvocationResult.Success(huge, "application/json"));

        deliverDue();

        AsyncEvent record = store.list("audit", null, 10).getFirst();
        assertThat(record.payload().length).isLessThanOrEqualTo(Destinations.MAX_RECORD);
        JsonNode json = this.json.readTree(record.payload());
        assertThat(json.path("responsePayload").asText()).startsWith("(left out");
        assertThat(json.at("/requestPayload/n").asInt()).as("the small payload stays").isEqualTo(1);
    }

    @Test
    void anOutcomeIsWrittenEvenWhenItsRecordsCannotBeMade() {
        var failing = new AsyncDispatcher(store, catalog, request -> {
            invoked.add(request);
            return results.remove();
        }, policy, e -> new DeliveryConfig(null, null, Destination.parse("topic:results"), null, null),
                new Destinations(catalog, (topic, event, publisher, now) -> {
                    throw new IllegalStateException("the bus cannot be read");
                }, json), 4, clock, () -> 0.0);
        accept("e1", "orders");
        results.add(OK);

        store.claim(clock.now, AsyncDispatcher.LEASE, 10).forEach(failing::deliver);

        assertThat(current("e1").status()).as("not invoked again").isEqualTo(EventStatus.DELIVERED);
        assertThat(invoked).hasSize(1);
    }
}
