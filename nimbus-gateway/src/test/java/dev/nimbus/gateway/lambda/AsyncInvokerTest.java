package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.gateway.GatewayConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Event invocations with a scripted invoker. */
class AsyncInvokerTest {

    @Test
    void aThrottledEventIsRetriedUntilItRuns() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        var ran = new CountDownLatch(1);
        try (var async = AsyncInvoker.start(request -> {
            calls.add(request.requestId());
            if (calls.size() == 1) {
                return new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded", 1);
            }
            ran.countDown();
            return new InvocationResult.Success(new byte[0], "application/json");
        }, new GatewayConfig(10, 1 << 20, 1), InstantSource.system())) {
            assertThat(async.submit(AsyncQueueTest.request("e-1", 10).request())).isTrue();

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(calls).containsExactly("e-1", "e-1");
        }
    }

    @Test
    void aThrottledEventOlderThanTheMaximumAgeIsGivenUp() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        var clock = new InstantSource() {
            volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

            @Override
            public Instant instant() {
                return now;
            }
        };
        var second = new CountDownLatch(1);
        try (var async = AsyncInvoker.start(request -> {
            calls.add(request.requestId());
            clock.now = clock.now.plus(AsyncInvoker.MAX_EVENT_AGE);
            if (request.requestId().equals("after")) {
                second.countDown();
            }
            return new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded", 1);
        }, new GatewayConfig(10, 1 << 20, 1), clock)) {
            async.submit(AsyncQueueTest.request("old", 10).request());
            async.submit(AsyncQueueTest.request("after", 10).request());

            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(calls).as("the old event ran once and was not put back before the next one")
                    .containsExactly("old", "after");
        }
    }
}
