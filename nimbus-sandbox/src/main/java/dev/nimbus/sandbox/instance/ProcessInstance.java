package dev.nimbus.sandbox.instance;

import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationRequest;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.core.logs.FunctionLogs;
import dev.nimbus.core.logs.LogRecord;
import dev.nimbus.sandbox.launch.Endpoints;
import dev.nimbus.sandbox.launch.InstanceNetwork;
import dev.nimbus.sandbox.launch.LaunchRefusedException;
import dev.nimbus.sandbox.launch.LaunchSpec;
import dev.nimbus.sandbox.launch.Spawned;
import dev.nimbus.sandbox.launch.Spawner;
import dev.nimbus.sandbox.launch.WarmSandbox;
import dev.nimbus.sandbox.resource.ResourceReader;
import dev.nimbus.sandbox.resource.ResourceSample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One instance of a function revision: an OS process polling its own Runtime API endpoint, one
 * invocation at a time.
 *
 * <p>Threading: the pool leases an instance to one request thread at a time, which calls
 * {@link #invoke}. Runtime API handler threads ({@link RuntimeApi}) and the process-exit callback
 * complete invocations concurrently. {@code lock} guards the state, the current invocation and
 * the init bookkeeping; no I/O happens while holding it. The output pump thread turns the
 * process's output into log records of the current invocation. A sampling thread may call
 * {@link #sample} at any time; the list of processes it reads is an immutable list in a volatile field.
 */
public final class ProcessInstance implements Instance {
    private static final System.Logger LOG = System.getLogger(ProcessInstance.class.getName());
    /** Longest wait for the output a function wrote before answering to become log lines. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);
    /**
     * Function output kept per invocation (and per initialisation), 1 MiB: a fifth of a function's
     * default log (logs.max-bytes-per-function, 5 MB), so one runaway invocation cannot push every
     * other invocation's lines out of it.
     */
    static final long MAX_OUTPUT_BYTES = 1024 * 1024;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final FunctionRevision revision;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<Optional<InvocationResult.InitError>> initOutcome = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile long spawnedNanos;
    private volatile long handlerInitNanos = -1;
    private RuntimeApi api;
    private final OutputPipe output;
    private final OutputRouting routing;
    private final ResourceReader usage = ResourceReader.ofProcesses(Path.of("/proc"), this::pids);
    private InstanceState state = InstanceState.STARTING;
    private Pending current;
    private boolean delivered;
    private boolean initialized;
    private InvocationResult.InitError initError;
    private volatile Long initNanos;
    private boolean initReported;
    private volatile long peakMb; // read by the pool for records too: a stale value is harmless, a torn one is not
    private volatile long peakReadNanos;
    private Spawned spawned;
    private Process process;
    private volatile List<Long> pids = List.of();
    private volatile Instant lastUsed;

    private ProcessInstance(FunctionRevision revision, FunctionLogs logs, InstantSource clock, OutputPipe output) {
        this.revision = revision;
        this.clock = clock;
        this.lastUsed = clock.instant();
        this.output = output;
        this.routing = new OutputRouting(output, OUTPUT_DRAIN, MAX_OUTPUT_BYTES, (requestId, message) -> logs.append(
                new LogRecord(clock.instant(), revision.name(), revision.revision(), requestId, message)));
    }

    /**
     * Starts an instance process, in a sandbox started ahead where {@code startsAhead} (see
     * {@link dev.nimbus.sandbox.launch.RuntimeCommands#startsAhead}) and one is ready ({@link
     * Spawner#warm}), else in one of its own. {@code launch} turns the addresses the instance will
     * reach the platform at into the launch specification; it may throw to refuse the start (e.g. a
     * missing bootstrap).
     */
    public static ProcessInstance start(FunctionRevision revision, Function<Endpoints, LaunchSpec> launch, Spawner spawner,
                                 FunctionLogs logs, InstantSource clock, boolean startsAhead) throws IOException {
        WarmSandbox warm = startsAhead ? spawner.warm().orElse(null) : null;
        if (warm != null) {
            try {
                return start(revision, launch, spawner, logs, clock, warm);
            } catch (LaunchRefusedException | IllegalStateException e) {
                throw e; // the function's own fault (a missing bootstrap or secret): the same anywhere
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a sandbox started ahead failed to take an instance of {0} ({1});"
                        + " starting one of its own", revision.key(), e.getMessage());
            }
        }
        return start(revision, launch, spawner, logs, clock, null);
    }

    private static ProcessInstance start(FunctionRevision revision, Function<Endpoints, LaunchSpec> launch,
                                         Spawner spawner, FunctionLogs logs, InstantSource clock, WarmSandbox warm)
            throws IOException {
        ProcessInstance instance;
        try {
            instance = new ProcessInstance(revision, logs, clock,
                    warm == null ? OutputPipe.open() : OutputPipe.fifo(warm.outputFifo()));
        } catch (IOException | RuntimeException e) {
            if (warm != null) {
                warm.discard();
            }
            throw e;
        }
        InstanceNetwork network = null;
        try {
            network = warm != null ? warm.network() : spawner.network();
            instance.api = RuntimeApi.start(instance, network.runtimeApiSocket());
            LaunchSpec spec = launch.apply(network.endpoints(instance.api.address()));
            instance.spawned = warm != null ? spawner.start(warm, spec)
                    : spawner.start(spec, instance.output.childEnd(), network);
            instance.process = instance.spawned.process();
            instance.spawnedNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            if (warm != null) {
                warm.discard(); // its network included
            } else if (network != null) {
                network.close();
            }
            if (instance.api != null) {
                instance.api.close();
            }
            instance.output.discard();
            throw e;
        }
        instance.routing.pump("nimbus-" + revision.name() + "-" + instance.id + "-output");
        instance.process.onExit().thenAccept(instance::exited);
        return instance;
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
    public CompletableFuture<Optional<InvocationResult.InitError>> initOutcome() {
        return initOutcome;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public boolean isInitialized() {
        return initNanos != null;
    }

    /**
     * What this instance's cold start cost, once it has initialised: spawning the process, then the
     * runtime's own start, then loading the handler. A runtime that does not report its handler
     * init (only Nimbus's runtimes do, see {@link RuntimeApi#HANDLER_INIT_HEADER}) has all of it
     * counted as runtime init and {@code handlerInit} null.
     */
    @Override
    public Optional<StartPhases> startPhases() {
        Long init = initNanos;
        long spawned = spawnedNanos;
        if (init == null || spawned == 0) {
            return Optional.empty();
        }
        long handler = handlerInitNanos;
        long total = Math.max(0, init - spawned);
        long handlerPart = handler < 0 ? 0 : Math.min(handler, total);
        return Optional.of(new StartPhases(Duration.ofNanos(spawned - startedNanos), Duration.ofNanos(total - handlerPart),
                handler < 0 ? null : Duration.ofNanos(handlerPart)));
    }

    @Override
    public InstanceState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs one invocation. Waits at most {@code initTimeout} for the runtime to take the event
     * (covers a cold start), then at most the function's timeout for its answer. When the request
     * has an {@link dev.nimbus.core.invoke.InvocationLog} that waits for output, it gets every log
     * line of the invocation before this returns: the output the function wrote before answering is read up to a fence
     * first (bounded), and so is the output of earlier invocations before it starts (see
     * {@link OutputRouting}), which never reaches it.
     */
    @Override
    public InvocationResult invoke(InvocationRequest request, Duration initTimeout) {
        var pending = new Pending(request);
        OutputRouting.Target logTarget = routing.prepare(request.requestId(), request.log());
        lock.lock();
        try {
            if (state == InstanceState.FAILED && !initialized && initError != null) {
                return initError; // the runtime failed its init before this first invocation reached it
            }
            if (state != InstanceState.STARTING && state != InstanceState.IDLE) {
                return new InvocationResult.PlatformError("instance not available");
            }
            state = state.moveTo(InstanceState.BUSY);
            routing.switchTo(logTarget);
            current = pending;
            delivered = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        InvocationResult result = await(pending, initTimeout);
        if (request.log() != null && request.log().waitsForOutput() && !routing.drain()) {
            LOG.log(System.Logger.Level.DEBUG, "output of {0} not read within {1}", id, OUTPUT_DRAIN);
        }
        finish(pending, result);
        routing.end();
        return result;
    }

    private InvocationResult await(Pending pending, Duration initTimeout) {
        try {
            CompletableFuture.anyOf(pending.pickedUp, pending.result).get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failWith(pending, new InvocationResult.InitError("Runtime.InitTimeout",
                    initTimeoutBody(pending, initTimeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failWith(pending, new InvocationResult.PlatformError("interrupted"));
        } catch (ExecutionException e) {
            return failWith(pending, new InvocationResult.PlatformError("invocation failed"));
        }
        if (pending.result.isDone()) {
            return pending.result.join();
        }
        long deadline = pending.pickedUp.join();
        try {
            return pending.result.get(Math.max(0, deadline - clock.millis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failWith(pending, new InvocationResult.Timeout(pending.id(), revision.config().timeoutSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failWith(pending, new InvocationResult.PlatformError("interrupted"));
        } catch (ExecutionException e) {
            return failWith(pending, new InvocationResult.PlatformError("invocation failed"));
        }
    }

    private static byte[] initTimeoutBody(Pending pending, Duration initTimeout) {
        return InvocationResult.errorDocument("Runtime.InitTimeout", "RequestId: " + pending.id()
                + " Error: Runtime did not start within " + initTimeout.toSeconds() + " seconds");
    }

    /** Completes the invocation with {@code result} unless the runtime answered first; kills the process. */
    private InvocationResult failWith(Pending pending, InvocationResult result) {
        if (!pending.result.complete(result)) {
            return pending.result.join();
        }
        kill(InstanceState.FAILED);
        return result;
    }

    private void finish(Pending pending, InvocationResult result) {
        lastUsed = clock.instant();
        boolean stop = false;
        lock.lock();
        try {
            if (current == pending) {
                current = null;
            }
            if (state == InstanceState.BUSY) {
                state = state.moveTo(InstanceState.IDLE);
            } else if (state == InstanceState.DRAINING) {
                stop = true;
            }
        } finally {
            lock.unlock();
        }
        report(pending, result);
        if (stop) {
            kill(InstanceState.STOPPED);
        }
    }

    private void report(Pending pending, InvocationResult result) {
        String rid = pending.id();
        double ms = pending.pickedUpNanos == 0 ? 0 : (System.nanoTime() - pending.pickedUpNanos) / 1e6;
        log(rid, "END RequestId: " + rid);
        var report = new StringBuilder(160).append("REPORT RequestId: ").append(rid)
                .append(String.format(Locale.ROOT, "\tDuration: %.2f ms\tBilled Duration: %d ms", ms, (long) Math.ceil(ms)))
                .append("\tMemory Size: ").append(revision.config().memoryMb()).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb()).append(" MB");
        Long init = initNanos;
        if (init != null && !initReported) {
            initReported = true;
            report.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", (init - startedNanos) / 1e6));
        }
        if (result instanceof InvocationResult.Timeout) {
            report.append("\tStatus: timeout");
        }
        log(rid, report.toString());
    }

    /**
     * The instance's peak resident memory, read from /proc at most once a second: the peak only grows,
     * and reading it on every invocation costs more than the invocation itself for small functions.
     */
    @Override
    public long maxMemoryUsedMb() {
        long now = System.nanoTime();
        if (now - peakReadNanos > 1_000_000_000L || peakMb == 0) {
            peakMb = Math.max(peakMb, MemoryProbe.peakMb(pids())); // processes gone (killed, crashed) read as 0
            peakReadNanos = now;
        }
        return peakMb;
    }

    /**
     * What the instance's processes use now: their CPU time so far and resident memory, stamped by
     * {@code clock}. A few small reads of /proc per process; the processes are found once the
     * runtime has initialised (see {@link #pids}). A stopped instance reads as zero, so that a pid
     * the kernel has given to another process since is never counted.
     *
     * <p>Any thread may call this, outside any lock: a sampling loop every few seconds per instance.
     */
    @Override
    public ResourceSample sample(InstantSource clock) {
        return state().isTerminal() ? new ResourceSample(clock.instant(), 0, 0) : usage.read(clock);
    }

    /**
     * The instance's processes: the descendants of its top process (with bubblewrap, the namespace's
     * init and the runtime), or the top process alone. Walking /proc for them reads every process
     * on the machine, so the list is kept once the runtime has called for its first event; before
     * that it may still change (bubblewrap starting the runtime) and is found again on each call.
     * Processes the runtime starts later are not listed; the CPU time of those it has waited for
     * still counts (see {@link ResourceReader#ofProcesses}).
     */
    private List<Long> pids() {
        List<Long> known = pids;
        if (!known.isEmpty() || process == null) {
            return known;
        }
        List<Long> found = process.descendants().map(ProcessHandle::pid).toList();
        found = found.isEmpty() ? List.of(process.pid()) : found;
        if (initNanos != null) {
            pids = found;
        }
        return found;
    }

    /**
     * Stops the instance: at once if idle; if busy, after its in-flight invocation (DRAINING).
     */
    @Override
    public void drain() {
        boolean stopNow;
        lock.lock();
        try {
            if (state.isTerminal() || state == InstanceState.DRAINING) {
                return;
            }
            stopNow = state != InstanceState.BUSY;
            if (!stopNow) {
                state = state.moveTo(InstanceState.DRAINING);
            }
        } finally {
            lock.unlock();
        }
        if (stopNow) {
            kill(InstanceState.STOPPED);
        }
    }

    /** Stops the instance at once, whatever it is doing; an in-flight invocation fails. */
    @Override
    public void kill(InstanceState terminal) {
        Pending orphan;
        lock.lock();
        try {
            if (state.isTerminal()) {
                return;
            }
            state = state.moveTo(terminal);
            orphan = current;
            current = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (orphan != null) {
            orphan.result.complete(new InvocationResult.PlatformError("instance stopped"));
        }
        if (spawned != null) {
            spawned.kill();
        }
        api.close();
        output.close();
        initOutcome.complete(Optional.of(new InvocationResult.InitError("Runtime.Unknown", InvocationResult.errorDocument(
                "Runtime.Unknown", "The instance was stopped before its runtime initialised"))));
        terminated.complete(null);
    }

    // ---- called by the Runtime API (runtime threads) ----

    /**
     * Blocks until an invocation is available; null when the instance has ended. The first call
     * marks the runtime initialised; {@code handlerInitMicros} is the handler load time the runtime
     * reported with it, or -1.
     */
    Pending next(long handlerInitMicros) throws InvalidStateException {
        boolean first = false;
        lock.lock();
        try {
            if (current != null && delivered) {
                throw new InvalidStateException("State transition from Invoke to Next failed: the invocation "
                        + current.id() + " has no response yet");
            }
            if (!initialized) {
                initialized = true;
                if (handlerInitMicros >= 0) {
                    handlerInitNanos = handlerInitMicros * 1000;
                }
                initNanos = System.nanoTime();
                first = true;
                if (state == InstanceState.STARTING) {
                    state = state.moveTo(InstanceState.IDLE); // initialised ahead of any invocation
                }
            }
        } finally {
            lock.unlock();
        }
        if (first) {
            initOutcome.complete(Optional.empty()); // outside the lock: the pool reacts to it
        }
        lock.lock();
        try {
            while ((current == null || delivered) && !state.isTerminal()) {
                changed.awaitUninterruptibly();
            }
            if (state.isTerminal()) {
                return null;
            }
            delivered = true;
            current.pickedUpNanos = System.nanoTime();
            Pending p = current;
            p.pickedUp.complete(clock.millis() + revision.config().timeoutSeconds() * 1000L);
            log(p.id(), "START RequestId: " + p.id() + " Version: " + revision.version());
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** Completes the delivered invocation {@code requestId}; false if it is not the current one. */
    boolean complete(String requestId, InvocationResult result) {
        lock.lock();
        try {
            if (current == null || !delivered || !current.id().equals(requestId)) {
                return false;
            }
            boolean completed = current.result.complete(result);
            // The runtime's next call is /next, possibly before the invoking thread wakes up.
            current = null;
            return completed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The runtime reported an init error: fails the waiting invocation (or keeps the error for the
     * first one to come); the caller stops the instance once it has answered the runtime.
     */
    void initFailed(InvocationResult.InitError error) throws InvalidStateException {
        Pending waiting;
        lock.lock();
        try {
            if (initialized) {
                throw new InvalidStateException("State transition from Ready to InitError failed for runtime");
            }
            initError = error;
            waiting = current;
        } finally {
            lock.unlock();
        }
        initOutcome.complete(Optional.of(error));
        if (waiting != null) {
            waiting.result.complete(error);
        }
    }

    private void exited(Process p) {
        boolean outOfMemory = spawned.outOfMemory();
        String reason = exitReason(p.exitValue());
        String errorType = outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
        Pending waiting;
        boolean wasInitialized;
        InvocationResult.InitError reported;
        lock.lock();
        try {
            if (state.isTerminal()) {
                return;
            }
            state = state.moveTo(InstanceState.FAILED);
            waiting = current;
            current = null;
            wasInitialized = initialized;
            if (!initialized && initError == null) {
                // Kept for an invocation that arrives after the runtime already died during init.
                initError = new InvocationResult.InitError(errorType,
                        InvocationResult.errorDocument(errorType, "Error: " + reason));
            }
            reported = initError;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        api.close();
        output.close();
        spawned.kill();
        initOutcome.complete(Optional.ofNullable(reported));
        terminated.complete(null);
        if (waiting == null) {
            LOG.log(System.Logger.Level.DEBUG, "instance {0} of {1} exited: {2}", id, revision.key(), reason);
            return;
        }
        byte[] body = InvocationResult.errorDocument(errorType, "RequestId: " + waiting.id() + " Error: " + reason);
        waiting.result.complete(wasInitialized ? new InvocationResult.FunctionError(errorType, body) : reported);
    }


    /** Lambda's wording: "Runtime exited with error: exit status 3", "... signal: killed". */
    static String exitReason(int exitValue) {
        if (exitValue == 0) {
            return "Runtime exited without providing a reason";
        }
        if (exitValue > 128) {
            int signal = exitValue - 128;
            return "Runtime exited with error: signal: " + (signal == 9 ? "killed" : signal == 15 ? "terminated"
                    : signal == 6 ? "aborted" : signal == 11 ? "segmentation fault" : "signal " + signal);
        }
        return "Runtime exited with error: exit status " + exitValue;
    }

    private void log(String requestId, String message) {
        routing.log(requestId, message);
    }

    /** The runtime called the Runtime API out of order. */
    static final class InvalidStateException extends Exception {
        InvalidStateException(String message) {
            super(message);
        }
    }
}
