package dev.nimbus.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRecord;
import dev.nimbus.core.invoke.InvocationRecord.StartKind;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.instance.Instance;
import dev.nimbus.sandbox.instance.InstanceState;
import dev.nimbus.sandbox.launch.LaunchRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Admission, hand-off, scaling and draining of one revision's instances, on fake instances and a fixed clock. */
class RevisionPoolTest {
    static final FunctionRevision ONE_AT_A_TIME = revision(1);
    static final FunctionRevision WIDE = revision(100);
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-26T10:00:00Z"));

    /** Each invocation on its own thread: the common pool has a single worker on a 2-core machine. */
    static final Executor THREADS = Executors.newVirtualThreadPerTaskExecutor();

    static FunctionRevision revision(int concurrency) {
        return new FunctionRevision("fn", 1, new FunctionConfig(Runtime.PYTHON3, "app.handler", 128, 3, Map.of(), "",
                concurrency, "", "", PayloadFormat.V2, null, false), "0".repeat(64), 1, Instant.EPOCH, "rev-1",
                FunctionRevision.LATEST);
    }

    static PoolConfig config(int queueDepth, Duration queueTimeout) {
        return new PoolConfig(queueTimeout, queueDepth, Duration.ofSeconds(10), 1000, 1 << 20);
    }

    static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static InvocationRequest request(FunctionRevision revision, String payload) {
        return InvocationRequest.of(new FunctionCatalog.Target(revision, null), payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts fake instances on the calling thread, within {@code room} instances of node capacity. */
    static final class FakeStarts implements RevisionPool.Starts {
        final List<FakeInstance> started = new CopyOnWriteArrayList<>();
        final AtomicInteger pokes = new AtomicInteger();
        volatile boolean initialised = true;
        volatile Exception failure;
        volatile CountDownLatch hold = new CountDownLatch(0);
        int room = Integer.MAX_VALUE;

        @Override
        public Instance start(FunctionRevision revision) throws IOException {
            RevisionPoolTest.await(hold);
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            var instance = new FakeInstance(revision, initialised);
            started.add(instance);
            return instance;
        }

        @Override
        public void execute(Runnable start) {
            THREADS.execute(start);
        }

        @Override
        public synchronized Reservation reserve(RevisionPool pool) {
            if (room == 0) {
                return new Reservation.Refused("This Nimbus node has no capacity for another instance");
            }
            room--;
            return new Reservation.Taken("", pool.revision().config().memoryMb());
        }

        @Override
        public synchronized void release(Reservation.Taken taken) {
            room++;
        }

        @Override
        public void demand(RevisionPool pool) {
            pokes.incrementAndGet();
        }
    }

    private final FakeStarts starts = new FakeStarts();
    private final InvocationRecords records = InvocationRecords.inMemory(100, Duration.ofDays(1), 1L << 30, RevisionPoolTest.CLOCK);

    private RevisionPool pool(FunctionRevision revision, PoolConfig config) {
        return new RevisionPool(revision, starts, config, records, CLOCK);
    }

    private static String body(InvocationResult result) {
        return new String(((InvocationResult.Success) result).body(), StandardCharsets.UTF_8);
    }

    @Test
    void theFirstInvocationStartsAnInstanceColdAndTheNextOneFindsItWarm() {
        starts.initialised = false;
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));

        assertThat(body(pool.invoke(request(WIDE, "1")))).isEqualTo("1");
        assertThat(body(pool.invoke(request(WIDE, "2")))).isEqualTo("2");

        assertThat(starts.started).hasSize(1);
        assertThat(starts.pokes).as("only the first found no free instance").hasValue(1);
        List<InvocationRecord> latest = records.latest("fn", 10);
        assertThat(latest).extracting(InvocationRecord::start).containsExactly(StartKind.WARM, StartKind.COLD);
        InvocationRecord cold = latest.get(1);
        assertThat(cold.coldStart().spawn()).isEqualTo(Duration.ofMillis(3));
        assertThat(cold.coldStart().runtimeInit()).isEqualTo(Duration.ofMillis(20));
        assertThat(cold.coldStart().handlerInit()).isEqualTo(Duration.ofMillis(5));
        assertThat(latest.get(0).coldStart()).as("a warm start has no phases").isNull();
        assertThat(pool.snapshot().coldStarts()).isEqualTo(1);
    }

    @Test
    void waitingInvocationsGetFreedInstancesInArrivalOrder() throws Exception {
        var pool = pool(ONE_AT_A_TIME, config(10, Duration.ofSeconds(5)));
        pool.scaleTo(1);
        await().until(() -> pool.snapshot().liveInstances() == 1);
        FakeInstance only = starts.started.getFirst();
        only.gate = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request(ONE_AT_A_TIME, "a")), THREADS);
        assertThat(only.entered.await(5, TimeUnit.SECONDS)).isTrue();
        var waiting = new java.util.ArrayList<CompletableFuture<InvocationResult>>();
        for (String p : List.of("b", "c", "d")) {
            waiting.add(CompletableFuture.supplyAsync(() -> pool.invoke(request(ONE_AT_A_TIME, p)), THREADS));
            int expected = waiting.size();
            await().until(() -> pool.snapshot().queued() == expected);
        }

        only.gate.countDown();

        assertThat(body(first.get(5, TimeUnit.SECONDS))).isEqualTo("a");
        for (var w : waiting) {
            assertThat(w.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        }
        assertThat(only.served).containsExactly("a", "b", "c", "d");
        assertThat(starts.started).as("the function's maximum is 1").hasSize(1);
    }

    @Test
    void beyondTheQueueDepthAnInvocationIsThrottledAtOnce() throws Exception {
        starts.hold = new CountDownLatch(1);
        var pool = pool(ONE_AT_A_TIME, config(1, Duration.ofSeconds(30)));
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request(ONE_AT_A_TIME, "1")), THREADS);
        await().until(() -> pool.snapshot().queued() == 1);

        var second = pool.invoke(request(ONE_AT_A_TIME, "2"));

        assertThat(second).isInstanceOf(InvocationResult.Throttled.class);
        assertThat(((InvocationResult.Throttled) second).message()).contains("waiting for an instance");
        starts.hold.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        assertThat(pool.snapshot().throttles()).isEqualTo(1);
        assertThat(records.latest("fn", 1).getFirst().outcome()).isEqualTo(InvocationRecord.Outcome.SUCCESS);
    }

    @Test
    void anInvocationWaitingLongerThanTheQueueTimeoutIsThrottled() {
        starts.hold = new CountDownLatch(1);
        var pool = pool(ONE_AT_A_TIME, config(10, Duration.ofMillis(50)));

        var result = pool.invoke(request(ONE_AT_A_TIME, "1"));

        assertThat(result).isInstanceOf(InvocationResult.Throttled.class);
        assertThat(((InvocationResult.Throttled) result).message()).contains("within 50 ms");
        assertThat(pool.snapshot().queued()).isZero();
        starts.hold.countDown();
    }

    @Test
    void aBurstStartsOneInstancePerWaitingInvocationAndLosesNone() throws Exception {
        starts.hold = new CountDownLatch(1);
        var pool = pool(WIDE, config(100, Duration.ofSeconds(5)));
        var burst = new java.util.ArrayList<CompletableFuture<InvocationResult>>();
        for (int i = 0; i < 20; i++) {
            String p = Integer.toString(i);
            burst.add(CompletableFuture.supplyAsync(() -> pool.invoke(request(WIDE, p)), THREADS));
        }
        await().until(() -> pool.snapshot().queued() == 20);
        assertThat(pool.snapshot().starting()).isEqualTo(20);

        starts.hold.countDown();

        for (var b : burst) {
            assertThat(b.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        }
        await().until(() -> starts.started.size() == 20); // a fast one may have served a second before the last started
        assertThat(pool.snapshot().starting()).isZero();
    }

    @Test
    void scalingDownDrainsIdleInstancesOnlyAndNeverABusyOne() throws Exception {
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));
        pool.scaleTo(3);
        await().until(() -> pool.snapshot().liveInstances() == 3);
        starts.started.forEach(i -> i.gate = new CountDownLatch(1));
        var busy = CompletableFuture.supplyAsync(() -> pool.invoke(request(WIDE, "x")), THREADS);
        await().until(() -> starts.started.stream().anyMatch(i -> i.state() == InstanceState.BUSY));
        FakeInstance running = starts.started.stream().filter(i -> i.state() == InstanceState.BUSY).findFirst().orElseThrow();

        pool.scaleTo(0);

        assertThat(starts.started.stream().filter(i -> i != running)).allMatch(i -> i.state() == InstanceState.STOPPED);
        assertThat(running.state()).isEqualTo(InstanceState.BUSY);
        running.gate.countDown();
        assertThat(body(busy.get(5, TimeUnit.SECONDS))).isEqualTo("x");
        assertThat(running.state()).as("idle again, until the next decision").isEqualTo(InstanceState.IDLE);
        pool.scaleTo(0);
        assertThat(running.state()).isEqualTo(InstanceState.STOPPED);
        await().until(() -> pool.snapshot().liveInstances() == 0);
        assertThat(starts.room).as("every stopped instance gave its capacity back").isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theProvisionedFloorStaysThroughScaleToZeroAndServesAsProvisioned() {
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));

        pool.provision(2);
        await().until(() -> pool.snapshot().liveInstances() == 2);
        pool.scaleTo(0);

        assertThat(pool.snapshot().liveInstances()).isEqualTo(2);
        assertThat(pool.snapshot().instances()).allMatch(RevisionPool.InstanceView::provisioned);
        pool.invoke(request(WIDE, "p"));
        assertThat(records.latest("fn", 1).getFirst().start()).isEqualTo(StartKind.PROVISIONED);
        pool.provision(0);
        assertThat(pool.snapshot().liveInstances()).isZero();
    }

    @Test
    void withTheNodeFullAndNothingToFreeAnInvocationIsRefusedAtOnceSayingSo() {
        starts.room = 0;
        var pool = pool(WIDE, config(10, Duration.ofSeconds(30)));

        var result = pool.invoke(request(WIDE, "1"));

        assertThat(result).isInstanceOf(InvocationResult.Throttled.class);
        assertThat(((InvocationResult.Throttled) result).reason()).isEqualTo("ConcurrentInvocationLimitExceeded");
        assertThat(((InvocationResult.Throttled) result).message()).contains("no capacity");
    }

    @Test
    void codeThatCannotStartFailsTheWaitingInvocationWithAnInitError() {
        starts.failure = new LaunchRefusedException("Runtime.InvalidEntrypoint", "bootstrap not found");
        var pool = pool(WIDE, config(10, Duration.ofSeconds(30)));

        var result = pool.invoke(request(WIDE, "1"));

        assertThat(result).isInstanceOf(InvocationResult.InitError.class);
        assertThat(((InvocationResult.InitError) result).errorType()).isEqualTo("Runtime.InvalidEntrypoint");
        assertThat(starts.room).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aProcessThatCannotBeSpawnedIsAPlatformError() {
        starts.failure = new IOException("fork failed");
        var pool = pool(WIDE, config(10, Duration.ofSeconds(30)));

        assertThat(pool.invoke(request(WIDE, "1"))).isInstanceOf(InvocationResult.PlatformError.class);
    }

    @Test
    void aRetiredPoolStopsIdleInstancesAtOnceAndBusyOnesAfterTheirInvocation() throws Exception {
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));
        pool.scaleTo(2);
        await().until(() -> pool.snapshot().liveInstances() == 2);
        starts.started.forEach(i -> i.gate = new CountDownLatch(1));
        var busy = CompletableFuture.supplyAsync(() -> pool.invoke(request(WIDE, "x")), THREADS);
        await().until(() -> starts.started.stream().anyMatch(i -> i.state() == InstanceState.BUSY));

        pool.retire();

        assertThat(starts.started).filteredOn(i -> i.state() == InstanceState.STOPPED).hasSize(1);
        starts.started.forEach(i -> i.gate.countDown());
        assertThat(busy.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        assertThat(starts.started).allMatch(i -> i.state() == InstanceState.STOPPED);
        assertThat(pool.isDone()).isTrue();
    }

    @Test
    void prewarmWaitsForInitAndReportsTheFirstInitError() {
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));
        assertThat(pool.prewarm(2, Duration.ofMinutes(1))).isEmpty();
        assertThat(pool.snapshot().liveInstances()).isEqualTo(2);
        pool.scaleTo(0);
        assertThat(pool.snapshot().liveInstances()).as("held for the rollout").isEqualTo(2);

        starts.initialised = false;
        var failing = CompletableFuture.supplyAsync(() -> pool.prewarm(1, Duration.ZERO), THREADS);
        await().until(() -> starts.started.size() == 3);
        var error = new InvocationResult.InitError("Runtime.ImportModuleError", "{}".getBytes());
        starts.started.get(2).init.complete(java.util.Optional.of(error));

        assertThat(failing.join()).contains(error);
    }

    @Test
    void theLoadSinceTheLastLookCountsArrivalsAndQueuedInvocations() throws Exception {
        starts.hold = new CountDownLatch(1);
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request(WIDE, "1")), THREADS);
        await().until(() -> pool.snapshot().queued() == 1);

        RevisionPool.Load load = pool.takeLoad();

        assertThat(load.arrivals()).isEqualTo(1);
        assertThat(load.queued()).isEqualTo(1);
        assertThat(load.readyInstances()).isZero();
        starts.hold.countDown();
        first.get(5, TimeUnit.SECONDS);
        RevisionPool.Load after = pool.takeLoad();
        assertThat(after.arrivals()).as("counted once").isZero();
        assertThat(after.readyInstances()).isEqualTo(1);
        assertThat(after.meanInFlight()).isBetween(0.0, 1.0);
    }

    @Test
    void warmInstancesAreHandedOutBeforeOnesStillStarting() {
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));
        pool.scaleTo(1);
        await().until(() -> pool.snapshot().liveInstances() == 1);
        FakeInstance warm = starts.started.getFirst();
        starts.initialised = false;
        pool.scaleTo(2);
        await().until(() -> pool.snapshot().liveInstances() == 2);

        pool.invoke(request(WIDE, "w"));

        assertThat(warm.served).containsExactly("w");
        assertThat(records.latest("fn", 1).getFirst().start()).isEqualTo(StartKind.WARM);
    }

    @Test
    void anInstanceThatNeverInitialisesIsStoppedAfterTheInitTimeout() {
        starts.initialised = false;
        var pool = pool(WIDE, new PoolConfig(Duration.ofSeconds(5), 10, Duration.ofMillis(100), 1000, 1 << 20));

        pool.scaleTo(1);

        await().until(() -> starts.started.size() == 1);
        await().until(() -> starts.started.getFirst().state() == InstanceState.FAILED);
        await().until(() -> pool.snapshot().liveInstances() == 0);
        assertThat(starts.room).as("its capacity came back").isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theProvisionedFloorNeverTakesAFunctionBeyondItsMaximum() {
        var pool = pool(ONE_AT_A_TIME, config(10, Duration.ofSeconds(5)));
        pool.scaleTo(1);
        await().until(() -> pool.snapshot().liveInstances() == 1);

        pool.provision(1);

        assertThat(pool.snapshot().liveInstances() + pool.snapshot().starting()).isEqualTo(1);
    }

    @Test
    void loweringTheFloorMakesItsInstancesOrdinaryOnes() {
        var pool = pool(WIDE, config(10, Duration.ofSeconds(5)));
        pool.provision(2);
        await().until(() -> pool.readyProvisioned() == 2);

        pool.provision(1);

        assertThat(pool.readyProvisioned()).isEqualTo(1);
        assertThat(pool.snapshot().instances()).filteredOn(RevisionPool.InstanceView::provisioned).hasSize(1);
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5));
    }
}
