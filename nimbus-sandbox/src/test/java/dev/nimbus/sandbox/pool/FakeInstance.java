package dev.nimbus.sandbox.pool;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.instance.Instance;
import dev.nimbus.sandbox.instance.InstanceState;
import dev.nimbus.sandbox.resource.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An instance without a process: it initialises when told (or at once), answers each invocation
 * with its payload once {@link #gate} opens, and follows the lifecycle of {@link InstanceState}.
 */
final class FakeInstance implements Instance {
    private static int next;

    final String id;
    final FunctionRevision revision;
    final List<String> served = new CopyOnWriteArrayList<>();
    final CompletableFuture<Optional<InvocationResult.InitError>> init = new CompletableFuture<>();
    final CompletableFuture<Void> terminated = new CompletableFuture<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    /** What eviction compares; set by tests that care which idle instance is the least recently used. */
    volatile Instant lastUsed = Instant.EPOCH;
    final CountDownLatch entered = new CountDownLatch(1);
    private InstanceState state = InstanceState.STARTING;

    FakeInstance(FunctionRevision revision, boolean initialised) {
        synchronized (FakeInstance.class) {
            this.id = "fake-" + (++next);
        }
        this.revision = revision;
        if (initialised) {
            init.complete(Optional.empty());
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public FunctionRevision revision() {
        return revision;
    }

    @Override
    public Instant lastUsed() {
        return lastUsed;
    }

    @Override
    public synchronized InstanceState state() {
        return state;
    }

    @Override
    public boolean isInitialized() {
        return init.isDone() && init.join().isEmpty();
    }

    @Override
    public CompletableFuture<Optional<InvocationResult.InitError>> initOutcome() {
        return init;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public long maxMemoryUsedMb() {
        return 42;
    }

    @Override
    public Optional<StartPhases> startPhases() {
        return isInitialized() ? Optional.of(new StartPhases(Duration.ofMillis(3), Duration.ofMillis(20), Duration.ofMillis(5)))
                : Optional.empty();
    }

    @Override
    public InvocationResult invoke(InvocationRequest request, Duration initTimeout) {
        synchronized (this) {
            if (state != InstanceState.STARTING && state != InstanceState.IDLE) {
                return new InvocationResult.PlatformError("instance not available");
            }
            state = state.moveTo(InstanceState.BUSY);
        }
        init.complete(Optional.empty());
        entered.countDown();
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        served.add(new String(request.payload()));
        boolean stop;
        synchronized (this) {
            stop = state == InstanceState.DRAINING;
            if (state == InstanceState.BUSY) {
                state = InstanceState.IDLE;
            }
        }
        if (stop) {
            kill(InstanceState.STOPPED);
        }
        return new InvocationResult.Success(request.payload(), "application/json");
    }

    @Override
    public ResourceSample sample(InstantSource clock) {
        return new ResourceSample(clock.instant(), 0, 0);
    }

    @Override
    public void drain() {
        boolean now;
        synchronized (this) {
            if (state.isTerminal() || state == InstanceState.DRAINING) {
                return;
            }
            now = state != InstanceState.BUSY;
            if (!now) {
                state = InstanceState.DRAINING;
            }
        }
        if (now) {
            kill(InstanceState.STOPPED);
        }
    }

    @Override
    public void kill(InstanceState terminal) {
        synchronized (this) {
            if (state.isTerminal()) {
                return;
            }
            state = state.moveTo(terminal);
        }
        terminated.complete(null);
    }
}
