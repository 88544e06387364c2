package dev.nimbus.sandbox.instance;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.resource.ResourceSample;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One instance of a function revision, running one invocation at a time; its lifecycle is
 * {@link InstanceState}. {@link ProcessInstance} is the real one; the pool sees only this.
 */
public interface Instance {

    String id();

    FunctionRevision revision();

    /** When the instance last finished an invocation (or started). */
    Instant lastUsed();

    InstanceState state();

    /** Whether the runtime has asked for its first event: an invocation given now pays no init. */
    boolean isInitialized();

    /**
     * Completes once the runtime has initialised (empty) or failed to (the init error a first
     * invocation would get). Never completes exceptionally.
     */
    CompletableFuture<Optional<InvocationResult.InitError>> initOutcome();

    /** Completes when the instance has stopped or failed and its processes are gone. */
    CompletableFuture<Void> terminated();

    /** What the cold start cost, once the runtime has initialised. */
    Optional<StartPhases> startPhases();

    /**
     * Runs one invocation: waits at most {@code initTimeout} for the runtime to take the event,
     * then at most the function's timeout for its answer.
     */
    InvocationResult invoke(InvocationRequest request, Duration initTimeout);

    /** The peak resident memory of the instance's processes so far, in MB, as its REPORT lines give it. */
    long maxMemoryUsedMb();

    /** CPU time so far and resident memory now, stamped by {@code clock}; zero once stopped. */
    ResourceSample sample(InstantSource clock);

    /** Stops the instance: at once if idle; if busy, after its in-flight invocation (DRAINING). */
    void drain();

    /** Stops the instance at once, whatever it is doing; an in-flight invocation fails. */
    void kill(InstanceState terminal);

    /**
     * Durations of a cold start's phases: spawning the process, the runtime's own start, loading
     * the handler ({@code handlerInit} null when the runtime did not report it, and then counted in
     * {@code runtimeInit}).
     */
    record StartPhases(Duration spawn, Duration runtimeInit, Duration handlerInit) {
    }
}
