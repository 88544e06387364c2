package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.Runtime;
import dev.nimbus.core.invoke.InvocationRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AsyncQueueTest {
    static final FunctionRevision FN = new FunctionRevision("fn", 1, FunctionConfig.of(Runtime.PYTHON3, "app.h"),
            "0".repeat(64), 1, Instant.EPOCH, "rev", FunctionRevision.LATEST);

    static AsyncQueue.Queued request(String id, int payloadBytes) {
        return new AsyncQueue.Queued(new InvocationRequest(id, FN, null, new byte[payloadBytes], null, null),
                Instant.EPOCH, 0);
    }

    @Test
    void refusesBeyondItsCountAndTakesInArrivalOrder() throws InterruptedException {
        var queue = new AsyncQueue(2, 1 << 20);
        assertThat(queue.offer(request("a", 10))).isTrue();
        assertThat(queue.offer(request("b", 10))).isTrue();
        assertThat(queue.offer(request("c", 10))).isFalse();

        queue.release(queue.take());
        assertThat(queue.offer(request("d", 10))).isTrue();
        assertThat(queue.take().request().requestId()).isEqualTo("b");
        assertThat(queue.take().request().requestId()).isEqualTo("d");
    }

    @Test
    void refusesBeyondItsBytesAndFreesThemOnlyWhenReleased() throws InterruptedException {
        var queue = new AsyncQueue(100, 1000);
        assertThat(queue.offer(request("a", 600))).isTrue();
        assertThat(queue.offer(request("b", 401))).isFalse();
        assertThat(queue.offer(request("c", 400))).isTrue();

        var a = queue.take();
        assertThat(queue.offer(request("d", 600))).as("a runs and still holds its bytes").isFalse();
        queue.release(a);
        assertThat(queue.offer(request("d", 600))).isTrue();
    }

    @Test
    void aRequeuedRetryIsTakenAgainWithoutCountingTwice() throws InterruptedException {
        var queue = new AsyncQueue(2, 1 << 20);
        queue.offer(request("a", 10));
        var a = queue.take();
        assertThat(queue.offer(request("b", 10))).isTrue();
        assertThat(queue.offer(request("c", 10))).as("a still holds its place while it waits for a retry").isFalse();

        queue.requeue(a.retried());
        assertThat(queue.take().request().requestId()).isEqualTo("b");
        var retried = queue.take();
        assertThat(retried.request().requestId()).isEqualTo("a");
        assertThat(retried.attempts()).isEqualTo(1);
        queue.release(retried);
        assertThat(queue.offer(request("c", 10))).isTrue();
    }

    @Test
    void aFailureIsDescribedForTheLogAndASuccessIsNot() {
        assertThat(AsyncInvoker.failure(new dev.nimbus.core.invoke.InvocationResult.Success(new byte[0], "x"))).isNull();
        assertThat(AsyncInvoker.failure(new dev.nimbus.core.invoke.InvocationResult.FunctionError("ValueError",
                "{\"errorMessage\":\"bad\"}".getBytes()))).isEqualTo("ValueError: {\"errorMessage\":\"bad\"}");
        assertThat(AsyncInvoker.failure(new dev.nimbus.core.invoke.InvocationResult.Timeout("r", 3)))
                .isEqualTo("Sandbox.Timedout after 3 s");
    }
}
