package dev.nimbus.sandbox.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.launch.RuntimeCommands;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Admission and failure handling of a revision's pool, with starters that never start a process. */
class RevisionPoolTest {
    static final FunctionRevision ONE_AT_A_TIME = new FunctionRevision("fn", 1,
            new FunctionConfig(Runtime.PYTHON3, "app.handler", 128, 3, Map.of(), "", 1, "", "", PayloadFormat.V2, null),
            "0".repeat(64), 1, Instant.EPOCH, "rev-1", FunctionRevision.LATEST);

    /** Each invocation on its own thread: the common pool has a single worker on a 2-core machine. */
    static final Executor THREADS = Executors.newVirtualThreadPerTaskExecutor();

    static PoolConfig config(int queueDepth, Duration queueTimeout) {
        return new PoolConfig(Duration.ofMinutes(5), queueTimeout, queueDepth, Duration.ofSeconds(10));
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

    static InvocationRequest request() {
        return InvocationRequest.of(new FunctionCatalog.Target(ONE_AT_A_TIME, null), "{}".getBytes());
    }

    @Test
    void atTheConcurrencyLimitWithNoQueueAnInvocationIsThrottledAtOnce() throws Exception {
        var starting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var pool = new RevisionPool(ONE_AT_A_TIME, revision -> {
            starting.countDown();
            await(release);
            throw new IOException("no process in this test");
        }, config(0, Duration.ofSeconds(30)));
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request()), THREADS);
        assertThat(starting.await(5, TimeUnit.SECONDS)).isTrue();

        var second = pool.invoke(request());

        assertThat(second).isInstanceOf(InvocationResult.Throttled.class);
        assertThat(((InvocationResult.Throttled) second).retryAfterSeconds()).isEqualTo(1);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.PlatformError.class);
    }

    @Test
    void aQueuedInvocationGetsTheCapacityFreedByTheOneBeforeIt() throws Exception {
        var starts = new AtomicInteger();
        var starting = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var pool = new RevisionPool(ONE_AT_A_TIME, revision -> {
            if (starts.incrementAndGet() == 1) {
                starting.countDown();
                await(release);
            }
            throw new IOException("no process in this test");
        }, config(1, Duration.ofSeconds(30)));
        var first = CompletableFuture.supplyAsync(() -> pool.invoke(request()), THREADS);
        assertThat(starting.await(5, TimeUnit.SECONDS)).isTrue();
        var queued = CompletableFuture.supplyAsync(() -> pool.invoke(request()), THREADS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(pool.waiting()).isEqualTo(1);
        assertThat(pool.invoke(request())).as("beyond the queue depth").isInstanceOf(InvocationResult.Throttled.class);

        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.PlatformError.class);
        assertThat(queued.get(5, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.PlatformError.class);
        assertThat(starts).hasValue(2);
    }

    @Test
    void aMissingEntrypointIsTheFunctionsInitErrorAndFreesTheCapacity() {
        var pool = new RevisionPool(ONE_AT_A_TIME, revision -> {
            throw new RuntimeCommands.MissingEntrypointException("Couldn't find valid bootstrap(s)");
        }, config(0, Duration.ZERO));

        for (int i = 0; i < 3; i++) {
            var result = pool.invoke(request());
            assertThat(result).isInstanceOf(InvocationResult.InitError.class);
            assertThat(((InvocationResult.InitError) result).errorType()).isEqualTo("Runtime.InvalidEntrypoint");
        }
        assertThat(pool.isEmpty()).isTrue();
    }
}
