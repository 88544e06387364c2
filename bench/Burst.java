import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Burst from zero: {@code clients} closed-loop clients start at the same instant against a function
 * with no instance, each sending {@code GET url}, waiting for the answer and sending the next, for
 * {@code seconds}. Meanwhile a sampler counts the function's instance processes in /proc.
 *
 * <p>Usage: {@code java bench/Burst.java URL CLIENTS SECONDS FUNCTION}. Instance processes are those
 * of {@link Load#countInstances}: the runtimes whose environment names {@code FUNCTION}. Prints one line of {@code key=value} figures; times in ms,
 * counted from the moment every client is released.
 *
 * <p>Every request is accounted for: 2xx are successes, anything else is an error counted by status
 * ({@code 429}) or by exception ({@code HttpConnectTimeoutException}); requests still running at
 * the deadline complete and count. Latency percentiles are over successes only (exact: every
 * latency is kept). Threading: one virtual thread per client, one platform thread for the sampler.
 */
public class Burst {
    private static final long SAMPLE_MILLIS = 50;

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        String function = args[3];
        HttpClient http = Load.client();
        Load.warmUp(http, url.resolve("/api/v1/status"));

        var sampler = new Sampler(function);
        Thread samplerThread = Thread.ofPlatform().name("burst-sampler").daemon(true).start(sampler);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Client>();
        var threads = new ArrayList<Thread>();
        var errors = new ConcurrentHashMap<String, LongAdder>();
        for (int i = 0; i < clients; i++) {
            var client = new Client(http, Load.get(url), start, errors);
            results.add(client);
            threads.add(Thread.ofVirtual().name("burst-client-" + i).start(client));
        }
        long t0 = System.nanoTime();
        for (Client c : results) {
            c.begin(t0, t0 + seconds * 1_000_000_000L);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - t0;
        sampler.stop();
        samplerThread.join();
        report(clients, results, errors, elapsed, sampler);
    }

    private static void report(int clients, List<Client> results, Map<String, LongAdder> errors, long elapsed,
                               Sampler sampler) {
        long ok = 0;
        long firstOk = Long.MAX_VALUE;
        long lastFirstOk = 0;
        for (Client c : results) {
            ok += c.latencies.size();
            if (c.firstOk >= 0) {
                firstOk = Math.min(firstOk, c.firstOk);
                lastFirstOk = Math.max(lastFirstOk, c.firstOk);
            } else {
                lastFirstOk = Long.MAX_VALUE; // a client that never succeeded: nobody is fully served
            }
        }
        long[] lat = Load.Latencies.sorted(results.stream().map(c -> c.latencies).toList());
        long errorCount = Load.total(errors);
        System.out.printf(Locale.ROOT,
                "clients=%d requests=%d ok=%d errors=%d error_kinds=%s first_ok_ms=%s all_served_ms=%s "
                        + "p50_ms=%s p99_ms=%s max_ms=%s rps=%.0f seconds=%.1f peak_instances=%d cold_starts=%d%n",
                clients, ok + errorCount, ok, errorCount, Load.kinds(errors),
                Load.ms(firstOk), Load.ms(lastFirstOk), Load.ms(Load.Latencies.pct(lat, 0.50)),
                Load.ms(Load.Latencies.pct(lat, 0.99)), Load.ms(Load.Latencies.pct(lat, 1.0)),
                ok / (elapsed / 1e9), elapsed / 1e9, sampler.peak, sampler.seen.size());
    }

    /** One closed-loop client: the next request leaves when the previous answer has arrived. */
    static final class Client implements Runnable {
        private final HttpClient http;
        private final HttpRequest request;
        private final CountDownLatch start;
        private final Map<String, LongAdder> errors;
        private final Load.Latencies latencies = new Load.Latencies();
        private long t0;
        private long deadline;
        private long firstOk = -1;

        Client(HttpClient http, HttpRequest request, CountDownLatch start, Map<String, LongAdder> errors) {
            this.http = http;
            this.request = request;
            this.start = start;
            this.errors = errors;
        }

        void begin(long t0, long deadline) {
            this.t0 = t0;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try {
                start.await();
                while (System.nanoTime() < deadline) {
                    var outcome = Load.call(http, request);
                    if (outcome.error() != null) {
                        errors.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
                        continue;
                    }
                    if (firstOk < 0) {
                        firstOk = outcome.sentNanos() + outcome.latencyNanos() - t0;
                    }
                    latencies.add(outcome.latencyNanos());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Counts the function's instance processes every {@value #SAMPLE_MILLIS} ms: the peak at any
     * sample, and every process id ever seen (= instances started, as none stops during a level:
     * the idle timeout is minutes).
     */
    static final class Sampler implements Runnable {
        private final String function;
        private final Set<Long> seen = new HashSet<>();
        private volatile boolean running = true;
        private int peak;

        Sampler(String function) {
            this.function = function;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            do {
                peak = Math.max(peak, Load.countInstances(function, seen));
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            } while (running);
        }
    }
}
