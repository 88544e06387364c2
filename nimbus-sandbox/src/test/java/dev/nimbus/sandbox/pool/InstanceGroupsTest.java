package dev.nimbus.sandbox.pool;

import static dev.nimbus.sandbox.pool.RevisionPoolTest.CLOCK;
import static dev.nimbus.sandbox.pool.RevisionPoolTest.THREADS;
import static dev.nimbus.sandbox.pool.RevisionPoolTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.instance.InstanceState;
import dev.nimbus.sandbox.launch.LaunchRefusedException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * A namespace's maximum of instances, over all its functions, on an {@link InstancePool} of fake
 * instances: functions named a… are in namespace team-a, the others in team-b.
 */
class InstanceGroupsTest {
    private static final FunctionConfig WIDE = new FunctionConfig(Runtime.PYTHON3, "app.handler", 128, 3, Map.of(), "",
            100, "", "", PayloadFormat.V2, null, false);
    private static final FunctionRevision A1 = revision("a1");
    private static final FunctionRevision A2 = revision("a2");
    private static final FunctionRevision A3 = revision("a3");
    private static final FunctionRevision B1 = revision("b1");
    private static final CountDownLatch OPEN = new CountDownLatch(0);

    private final Map<String, Integer> quotas = new ConcurrentHashMap<>();
    private volatile boolean lookupsFail;
    private final InstanceGroups namespaces = new InstanceGroups() {
        @Override
        public String group(String functionName) {
            if (lookupsFail) {
                throw new IllegalStateException("namespace table unavailable");
            }
            return functionName.startsWith("a") ? "team-a" : "team-b";
        }

        @Override
        public OptionalInt maxInstances(String group) {
            Integer max = quotas.get(group);
            return max == null ? OptionalInt.empty() : OptionalInt.of(max);
        }
    };
    private final List<FakeInstance> started = new CopyOnWriteArrayList<>();
    /** Busy instances answer once this opens. */
    private final CountDownLatch hold = new CountDownLatch(1);
    /** The gate of the next instances started. */
    private volatile CountDownLatch gate = OPEN;
    private volatile Exception failure;
    private volatile boolean initialised = true;
    private InstancePool pool = pool(1000);

    private static FunctionRevision revision(String name) {
        return new FunctionRevision(name, 1, WIDE, "0".repeat(64), 1, Instant.EPOCH, "rev-" + name,
                FunctionRevision.LATEST);
    }

    private InstancePool pool(int maxInstances) {
        var created = InstancePool.create(revision -> {
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            var instance = new FakeInstance(revision, initialised);
            instance.gate = gate;
            started.add(instance);
            return instance;
        }, new PoolConfig(Duration.ofSeconds(30), 100, Duration.ofSeconds(30), maxInstances, 1 << 20),
                InvocationRecords.inMemory(100, Duration.ofDays(1), 1L << 30, RevisionPoolTest.CLOCK), CLOCK);
        created.groupWith(namespaces);
        return created;
    }

    /** Invokes {@code revision} on a new instance that stays busy until {@link #hold} opens. */
    private CompletableFuture<InvocationResult> busy(FunctionRevision revision) {
        gate = hold;
        int before = started.size();
        var result = CompletableFuture.supplyAsync(() -> pool.invoke(request(revision, "busy")), THREADS);
        await().until(() -> started.size() > before && started.get(before).state() == InstanceState.BUSY);
        return result;
    }

    /** Invokes {@code revision} on a new instance, idle again when this returns. */
    private FakeInstance idle(FunctionRevision revision) {
        gate = OPEN;
        int before = started.size();
        assertThat(pool.invoke(request(revision, "idle"))).isInstanceOf(InvocationResult.Success.class);
        assertThat(started).hasSize(before + 1);
        return started.get(before);
    }

    private static void assertThrottledBy(InvocationResult result, String message) {
        assertThat(result).isInstanceOf(InvocationResult.Throttled.class);
        assertThat(((InvocationResult.Throttled) result).reason()).isEqualTo("ConcurrentInvocationLimitExceeded");
        assertThat(((InvocationResult.Throttled) result).message()).isEqualTo(message);
    }

    private void finishBusy(List<CompletableFuture<InvocationResult>> busy) throws Exception {
        hold.countDown();
        for (var b : busy) {
            assertThat(b.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        }
    }

    @Test
    void aFullNamespaceThrottlesAnotherOfItsFunctionsSayingWhy() throws Exception {
        quotas.put("team-a", 2);
        var running = List.of(busy(A1), busy(A1));

        var result = pool.invoke(request(A2, "x"));

        assertThrottledBy(result, "Namespace team-a is running its maximum of 2 instances (its maxInstances quota)");
        assertThat(started).hasSize(2);
        assertThat(pool.pool(A2).snapshot().throttles()).isEqualTo(1);
        finishBusy(running);
    }

    @Test
    void theLeastRecentlyUsedIdleInstanceOfTheSameNamespaceMakesRoom() {
        quotas.put("team-a", 2);
        FakeInstance otherNamespace = idle(B1);
        FakeInstance newer = idle(A1);
        newer.lastUsed = Instant.EPOCH.plusSeconds(7200);
        FakeInstance older = idle(A2);
        older.lastUsed = Instant.EPOCH.plusSeconds(3600);

        assertThat(pool.invoke(request(A3, "x"))).isInstanceOf(InvocationResult.Success.class);

        assertThat(older.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(newer.state()).isEqualTo(InstanceState.IDLE);
        assertThat(otherNamespace.state()).as("used even longer ago, but in another namespace")
                .isEqualTo(InstanceState.IDLE);
    }

    @Test
    void anotherNamespaceIsUnaffected() throws Exception {
        quotas.put("team-a", 1);
        quotas.put("team-b", 1);
        var running = busy(A1);
        assertThat(pool.invoke(request(A2, "x"))).isInstanceOf(InvocationResult.Throttled.class);

        idle(B1);
        assertThat(started).extracting(i -> i.revision().name()).containsExactly("a1", "b1");
        finishBusy(List.of(running));
    }

    @Test
    void aChangedQuotaAppliesFromTheNextStartAndStopsNothingBusy() throws Exception {
        quotas.put("team-a", 1);
        var running = busy(A1);
        FakeInstance first = started.getFirst();
        assertThat(pool.invoke(request(A2, "x"))).isInstanceOf(InvocationResult.Throttled.class);

        quotas.put("team-a", 2);
        FakeInstance second = idle(A2);
        quotas.put("team-a", 1);
        var lowered = pool.invoke(request(A3, "x"));

        assertThrottledBy(lowered, "Namespace team-a is running its maximum of 1 instance (its maxInstances quota)");
        assertThat(second.state()).as("idle, so evicted towards the new quota").isEqualTo(InstanceState.STOPPED);
        assertThat(first.state()).as("busy, so left to finish").isEqualTo(InstanceState.BUSY);
        quotas.put("team-a", 0);
        assertThrottledBy(pool.invoke(request(A3, "x")),
                "Namespace team-a may run no instances (its maxInstances quota is 0)");
        quotas.remove("team-a");
        assertThat(pool.invoke(request(A3, "x"))).isInstanceOf(InvocationResult.Success.class);
        finishBusy(List.of(running));
    }

    @Test
    void failedStartsInitFailuresAndEndedInstancesGiveTheirRoomBack() throws Exception {
        quotas.put("team-a", 1);
        failure = new IOException("fork failed");
        assertThat(pool.invoke(request(A1, "x"))).isInstanceOf(InvocationResult.PlatformError.class);
        failure = new LaunchRefusedException("Runtime.InvalidEntrypoint", "bootstrap not found");
        assertThat(pool.invoke(request(A1, "x"))).isInstanceOf(InvocationResult.InitError.class);
        failure = null;
        initialised = false;
        pool.pool(A1).scaleTo(1);
        await().until(() -> started.size() == 1);
        FakeInstance failedInit = started.getFirst();
        failedInit.init.complete(Optional.of(new InvocationResult.InitError("Runtime.ImportModuleError", "{}".getBytes())));
        failedInit.kill(InstanceState.FAILED); // the runtime exits after reporting its init error
        pool.pool(A1).scaleTo(0);
        initialised = true;

        var crashed = busy(A2);
        started.getLast().kill(InstanceState.FAILED); // crashed while busy
        var running = busy(A3);

        assertThat(started).hasSize(3);
        assertThrottledBy(pool.invoke(request(A1, "x")), "Namespace team-a is running its maximum of 1 instance"
                + " (its maxInstances quota)");
        finishBusy(List.of(crashed, running));
    }

    @Test
    void provisionedAndAutoscaledInstancesCountAndAreHeldToTheQuota() {
        quotas.put("team-a", 2);
        RevisionPool provisioned = pool.pool(A1);

        provisioned.provision(3);

        await().until(() -> provisioned.readyProvisioned() == 2 && provisioned.snapshot().starting() == 0);
        assertThat(started).hasSize(2);
        assertThrottledBy(pool.invoke(request(A2, "x")),
                "Namespace team-a is running its maximum of 2 instances (its maxInstances quota)");
        pool.pool(A2).scaleTo(5);
        assertThat(started).as("the autoscaler cannot evict the floor either").hasSize(2);
        quotas.put("team-a", 3);
        provisioned.scaleTo(0);
        await().until(() -> provisioned.readyProvisioned() == 3);
        assertThat(started).hasSize(3);
    }

    @Test
    void concurrentStartsNeverTakeANamespaceBeyondItsQuota() throws Exception {
        quotas.put("team-a", 3);
        gate = hold;
        List<CompletableFuture<InvocationResult>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> pool.invoke(request(A1, "x")), THREADS));
        }
        await().until(() -> started.stream().filter(i -> i.state() == InstanceState.BUSY).count() == 3
                && pool.pool(A1).snapshot().queued() == 17);

        assertThat(started).hasSize(3);
        finishBusy(burst);
        assertThat(started).as("the waiting invocations were served by the same three").hasSize(3);
    }

    @Test
    void withoutGroupsOnlyTheNodeLimitsAndSaysSoAsBefore() throws Exception {
        quotas.put("team-a", 1);
        pool = InstancePool.create(revision -> {
            var instance = new FakeInstance(revision, true);
            instance.gate = gate;
            started.add(instance);
            return instance;
        }, new PoolConfig(Duration.ofSeconds(30), 100, Duration.ofSeconds(30), 2, 1 << 20),
                InvocationRecords.inMemory(100, Duration.ofDays(1), 1L << 30, RevisionPoolTest.CLOCK), CLOCK);
        var running = List.of(busy(A1), busy(A2));

        assertThrottledBy(pool.invoke(request(A3, "x")), InstancePool.NODE_FULL);
        finishBusy(running);
    }

    @Test
    void aFullNodeSaysSoWhenTheNamespaceStillHasRoom() throws Exception {
        pool = pool(2);
        quotas.put("team-a", 5);
        var running = List.of(busy(A1), busy(B1));

        assertThrottledBy(pool.invoke(request(A2, "x")), InstancePool.NODE_FULL);
        finishBusy(running);
    }

    @Test
    void aFailingGroupLookupRefusesTheStartWithoutWedgingThePool() {
        lookupsFail = true;

        assertThrottledBy(pool.invoke(request(A1, "x")), InstancePool.QUOTA_UNKNOWN);
        lookupsFail = false;
        assertThat(pool.invoke(request(A1, "x"))).isInstanceOf(InvocationResult.Success.class);
    }

    private static ConditionFactory await() {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5));
    }
}
