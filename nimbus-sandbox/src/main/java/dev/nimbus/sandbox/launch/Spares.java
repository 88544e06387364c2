package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Parts of an instance made ahead of need, so that a cold start takes one instead of making it on
 * its path: a cgroup (a directory per hierarchy, about 3 ms on v1 here), a socket directory with
 * its relays (about 3-6 ms). Refilling starts with the first take, so a server that starts nothing
 * makes nothing; it waits {@link #REFILL_DELAY_MS} after a take, so that it does not compete for
 * the CPU with the cold start that took one. A spare is never used twice.
 *
 * <p>Threading: {@link #take} may be called from any thread; one background thread refills.
 */
final class Spares<T> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Spares.class.getName());
    /** Longer than a cold start's own work here, shorter than the gap between most bursts. */
    static final long REFILL_DELAY_MS = 250;

    /** Makes one part. */
    interface Maker<T> {
        T make() throws IOException;
    }

    private final String what;
    private final Maker<T> maker;
    private final Consumer<T> discard;
    private final BlockingQueue<T> spares;
    private final ScheduledExecutorService refill;

    /**
     * @param what    what the parts are, for the log
     * @param count   how many are kept ready: the cold starts that may happen at once without making one
     * @param discard undoes a part that will not be used
     */
    Spares(String what, int count, Maker<T> maker, Consumer<T> discard) {
        this.what = what;
        this.maker = maker;
        this.discard = discard;
        this.spares = new ArrayBlockingQueue<>(count);
        this.refill = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("nimbus-spare-" + what).factory());
    }

    /** A spare, or a new one when none is ready. */
    T take() throws IOException {
        T spare = spares.poll();
        try {
            refill.schedule(this::refill, REFILL_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
        return spare != null ? spare : maker.make();
    }

    /** A spare if one is ready, else empty (the caller goes without); either way refilling follows. */
    Optional<T> poll() {
        T spare = spares.poll();
        try {
            refill.schedule(this::refill, REFILL_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
        return Optional.ofNullable(spare);
    }

    private void refill() {
        while (spares.remainingCapacity() > 0 && !Thread.currentThread().isInterrupted()) {
            T spare;
            try {
                spare = maker.make();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot make a spare " + what + ": " + e.getMessage());
                return;
            }
            if (!spares.offer(spare)) {
                discard.accept(spare);
            }
        }
    }

    /** Stops refilling and discards the spares. */
    @Override
    public void close() {
        refill.shutdownNow();
        try {
            refill.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (T spare; (spare = spares.poll()) != null; ) {
            discard.accept(spare);
        }
    }
}
