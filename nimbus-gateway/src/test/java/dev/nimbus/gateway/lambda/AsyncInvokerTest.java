package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.GatewayConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Event invocations with a scripted invoker and a hand-run retry scheduler: nothing waits for real delays. */
class AsyncInvokerTest {
    static final InvocationResult THROTTLED = new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded", "busy", 1);
    static final InvocationResult OK = new InvocationResult.Success(new byte[0], "application/json");

    /** Keeps scheduled retries until the test runs them. */
    static final class ManualLater implements AsyncInvoker.Later {
        final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void after(Duration delay, Runnable task) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            delays.add(delay);
            tasks.add(task);
        }

        @Override
        public void close() {
            closed = true;
        }

        /** The next scheduled retry; a bounded wait for the invoker thread to get there. */
        Runnable next() throws InterruptedException {
            Runnable task = tasks.poll(10, TimeUnit.SECONDS);
            assertThat(task).as("a retry was scheduled").isNotNull();
            return task;
        }
    }

    static final class ManualClock implements InstantSource {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualLater later = new ManualLater();
    final ManualClock clock = new ManualClock();

    AsyncInvoker start(Invoker invoker, int depth) {
        return AsyncInvoker.start(invoker, new GatewayConfig(depth, 1 << 20, 1), clock, later, new Backoff(() -> 0.5));
    }

    static InvocationRequest request(String id) {
        return AsyncQueueTest.request(id, 10).request();
    }

    @Test
    void aThrottledEventIsRetriedAfterItsBackoffUntilItRuns() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        var ran = new CountDownLatch(1);
        try (var async = start(request -> {
            calls.add(request.requestId());
            if (calls.size() <= 3) {
                return THROTTLED;
            }
            ran.countDown();
            return OK;
        }, 10)) {
            assertThat(async.submit(request("e-1"))).isTrue();
            for (int i = 0; i < 3; i++) {
                later.next().run();
            }

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(calls).containsExactly("e-1", "e-1", "e-1", "e-1");
            assertThat(later.delays).as("Retry-After 1 s is the floor; then half of 4 s")
                    .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void aThrottledEventWaitingForItsRetryKeepsItsPlaceInTheQueue() throws Exception {
        var secondRan = new CountDownLatch(1);
        try (var async = start(request -> {
            if (request.requestId().equals("second")) {
                secondRan.countDown();
                return OK;
            }
            return THROTTLED;
        }, 1)) {
            assertThat(async.submit(request("first"))).isTrue();
            Runnable retry = later.next();

            assertThat(async.submit(request("second"))).as("the throttled one still holds the only place").isFalse();
            retry.run();
            later.next();
            assertThat(async.submit(request("second"))).isFalse();
            assertThat(secondRan.getCount()).isEqualTo(1);
        }
    }

    @Test
    void aThrottledEventOlderThanTheMaximumAgeIsGivenUpAndFreesItsPlace() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        var afterRunning = new CountDownLatch(1);
        var gate = new CountDownLatch(1);
        try (var async = start(request -> {
            calls.add(request.requestId());
            clock.now = clock.now.plus(AsyncInvoker.MAX_EVENT_AGE);
            if (request.requestId().equals("old")) {
                return THROTTLED;
            }
            afterRunning.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OK;
        }, 2)) {
            assertThat(async.submit(request("old"))).isTrue();
            assertThat(async.submit(request("after"))).isTrue();

            assertThat(afterRunning.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(async.submit(request("third"))).as("the given-up event released its place").isTrue();
            gate.countDown();
            assertThat(calls).startsWith("old", "after");
            assertThat(later.tasks).as("nothing scheduled").isEmpty();
        }
    }

    @Test
    void closingStopsRetriesWithoutSchedulingOnAClosedScheduler() throws Exception {
        var invoked = new CopyOnWriteArrayList<String>();
        var async = start(request -> {
            invoked.add(request.requestId());
            return THROTTLED;
        }, 10);
        async.submit(request("e-1"));
        Runnable retry = later.next();

        async.close();
        retry.run();

        assertThat(async.submit(request("e-2"))).isFalse();
        assertThat(invoked).containsExactly("e-1");
    }

    @Test
    void theFunctionsErrorIsLoggedShortAndOnOneLine() {
        String body = "{\"errorMessage\":\"bad\"}\nWARNING: forged line\r\u0000" + "x".repeat(1000);

        String logged = AsyncInvoker.failure(new InvocationResult.FunctionError("ValueError", body.getBytes()));

        assertThat(logged).doesNotContain("\n", "\r", "\u0000")
                .startsWith("ValueError: {\"errorMessage\":\"bad\"}\\nWARNING: forged line\\r\\u0000xxx")
                .endsWith("...");
        assertThat(logged.length()).isLessThanOrEqualTo("ValueError: ".length() + 200 + 3);
    }
}
