package dev.nimbus.sandbox.pool;

import static dev.nimbus.sandbox.pool.RevisionPoolTest.THREADS;
import static dev.nimbus.sandbox.pool.RevisionPoolTest.await;
import static dev.nimbus.sandbox.pool.RevisionPoolTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRecords;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reserved concurrency across versions, with starters that never start a process. */
class InstancePoolTest {
    private static final FunctionConfig WIDE = new FunctionConfig(Runtime.PYTHON3, "app.handler", 128, 3, Map.of(), "",
            100, "", "", PayloadFormat.V2, null, false);
    private static final FunctionRevision LATEST = revision(FunctionRevision.LATEST);
    private static final FunctionRevision VERSION_1 = revision("1");

    private static FunctionRevision revision(String version) {
        return new FunctionRevision("fn", 1, WIDE, "0".repeat(64), 1, Instant.EPOCH, "rev-" + version, version);
    }

    private static InvocationRequest request(FunctionRevision revision) {
        return InvocationRequest.of(new FunctionCatalog.Target(revision, null), "{}".getBytes());
    }

    @Test
    void reservedConcurrencyCapsAllVersionsTogetherAndCanBeLiftedAgain() throws Exception {
        var starting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        var pool = InstancePool.create(revision -> {
            started.add(revision.key());
            starting.countDown();
            if (revision.isLatest()) {
                await(release);
            }
            throw new IOException("no process in this test");
        }, config(10, Duration.ofSeconds(30)), InvocationRecords.inMemory(10, Duration.ofDays(1), 1L << 30, InstantSource.system()),
                InstantSource.system());
        pool.reservedConcurrencyChanged("fn", 1);
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request(LATEST)), THREADS);
        assertThat(starting.await(5, TimeUnit.SECONDS)).isTrue();

        var otherVersion = pool.invoke(request(VERSION_1));

        assertThat(otherVersion).as("the reservation covers every version").isInstanceOf(InvocationResult.Throttled.class);
        assertThat(((InvocationResult.Throttled) otherVersion).reason())
                .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.PlatformError.class);

        assertThat(pool.invoke(request(VERSION_1))).as("the finished invocation gave its slot back")
                .isInstanceOf(InvocationResult.PlatformError.class);
        pool.reservedConcurrencyChanged("fn", 0);
        assertThat(pool.invoke(request(VERSION_1))).as("0 throttles everything").isInstanceOf(InvocationResult.Throttled.class);
        pool.reservedConcurrencyChanged("fn", null);
        assertThat(pool.invoke(request(VERSION_1))).isInstanceOf(InvocationResult.PlatformError.class);
        assertThat(started).containsExactly("fn:$LATEST#1", "fn:1#1", "fn:1#1");
    }

    @Test
    void aFunctionCreatedAgainUnderTheSameNameNeverRunsOnTheOldPool() {
        List<String> started = new CopyOnWriteArrayList<>();
        var pool = InstancePool.create(revision -> {
            started.add(revision.codeSha256());
            throw new IOException("no process in this test");
        }, config(10, Duration.ofSeconds(30)), InvocationRecords.inMemory(10, Duration.ofDays(1), 1L << 30, InstantSource.system()),
                InstantSource.system());
        pool.invoke(request(LATEST));

        pool.functionDeleted("fn");
        var recreated = new FunctionRevision("fn", 1, WIDE, "1".repeat(64), 1, Instant.EPOCH, "rev-new",
                FunctionRevision.LATEST);
        pool.revisionActivated(recreated);
        pool.invoke(request(recreated));

        assertThat(started).containsExactly("0".repeat(64), "1".repeat(64));
    }

    @Test
    void deletingAFunctionForgetsItsReservation() {
        var pool = InstancePool.create(revision -> {
            throw new IOException("no process in this test");
        }, config(10, Duration.ofSeconds(30)), InvocationRecords.inMemory(10, Duration.ofDays(1), 1L << 30, InstantSource.system()),
                InstantSource.system());
        pool.reservedConcurrencyChanged("fn", 0);

        pool.functionDeleted("fn");

        assertThat(pool.invoke(request(LATEST))).isInstanceOf(InvocationResult.PlatformError.class);
    }

    /** One invocation of LATEST blocks in its (failing) start until {@code release}; returns its future. */
    private static CompletableFuture<InvocationResult> blockedInvocation(InstancePool pool, CountDownLatch starting)
            throws Exception {
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request(LATEST)), THREADS);
        assertThat(starting.await(5, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private static InstancePool blockingPool(CountDownLatch starting, CountDownLatch release) {
        return InstancePool.create(revision -> {
            starting.countDown();
            if (revision.isLatest()) {
                await(release);
            }
            throw new IOException("no process in this test");
        }, config(10, Duration.ofSeconds(30)), InvocationRecords.inMemory(10, Duration.ofDays(1), 1L << 30, InstantSource.system()),
                InstantSource.system());
    }

    @Test
    void clearingAndSettingAReservationKeepsCountingRunningInvocations() throws Exception {
        var starting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var pool = blockingPool(starting, release);
        pool.reservedConcurrencyChanged("fn", 1);
        var first = blockedInvocation(pool, starting);

        pool.reservedConcurrencyChanged("fn", null);
        pool.reservedConcurrencyChanged("fn", 1);

        assertThat(pool.invoke(request(VERSION_1))).as("the running invocation still holds the only slot")
                .isInstanceOf(InvocationResult.Throttled.class);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.PlatformError.class);
        assertThat(pool.invoke(request(VERSION_1))).isInstanceOf(InvocationResult.PlatformError.class);
    }

    @Test
    void aReservationSetWhileInvocationsRunCountsThem() throws Exception {
        var starting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var pool = blockingPool(starting, release);
        var first = blockedInvocation(pool, starting);

        pool.reservedConcurrencyChanged("fn", 1);

        assertThat(pool.invoke(request(VERSION_1))).isInstanceOf(InvocationResult.Throttled.class);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.PlatformError.class);
    }
}
