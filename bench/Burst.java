import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Burst from zero: {@code clients} closed-loop clients start at the same instant against a function
 * with no instance, each sending {@code GET url}, waiting for the answer and sending the next, for
 * {@code seconds}. Meanwhile a sampler counts the function's instance processes in /proc.
 *
 * <p>Usage: {@code java bench/Burst.java URL CLIENTS SECONDS CODE_DIR}. An instance process is one
 * whose working directory is {@code CODE_DIR} (the revision's unpacked code), whose command line
 * names a bootstrap, and which is not one of bubblewrap's own processes (bwrap runs two per
 * instance, with the same working directory and command line). Prints one line of
 * {@code key=value} figures; times in ms, counted from the moment every client is released.
 *
 * <p>Every request is accounted for: 2xx are successes, anything else is an error counted by status
 * ({@code 429}) or by exception ({@code HttpConnectTimeoutException}); requests still running at
 * the deadline complete and count. Latency percentiles are over successes only (exact: every
 * latency is kept). Threading: one virtual thread per client, one platform thread for the sampler.
 */
public class Burst {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long SAMPLE_MILLIS = 50;

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        Path codeDir = Path.of(args[3]).toAbsolutePath().normalize(); // unpacked at the first start
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        warmUp(http, url.resolve("/api/v1/status"));

        var sampler = new Sampler(codeDir);
        Thread samplerThread = Thread.ofPlatform().name("burst-sampler").daemon(true).start(sampler);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Client>();
        var threads = new ArrayList<Thread>();
        var errors = new ConcurrentHashMap<String, LongAdder>();
        for (int i = 0; i < clients; i++) {
            var client = new Client(http, HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).build(), start, errors);
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

    /** Loads the client's own code paths (and the JIT) on a cheap endpoint, so the burst measures the server. */
    private static void warmUp(HttpClient http, URI status) throws Exception {
        var request = HttpRequest.newBuilder(status).build();
        for (int i = 0; i < 200; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void report(int clients, List<Client> results, Map<String, LongAdder> errors, long elapsed,
                               Sampler sampler) {
        long ok = 0;
        long firstOk = Long.MAX_VALUE;
        long lastFirstOk = 0;
        var all = new ArrayList<long[]>();
        for (Client c : results) {
            ok += c.okCount;
            all.add(c.latencies());
            if (c.firstOk >= 0) {
                firstOk = Math.min(firstOk, c.firstOk);
                lastFirstOk = Math.max(lastFirstOk, c.firstOk);
            } else {
                lastFirstOk = Long.MAX_VALUE; // a client that never succeeded: nobody is fully served
            }
        }
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
        var byKind = new TreeMap<String, Long>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        System.out.printf(Locale.ROOT,
                "clients=%d requests=%d ok=%d errors=%d error_kinds=%s first_ok_ms=%s all_served_ms=%s "
                        + "p50_ms=%s p99_ms=%s max_ms=%s rps=%.0f seconds=%.1f peak_instances=%d cold_starts=%d%n",
                clients, ok + errorCount, ok, errorCount, byKind.isEmpty() ? "none" : kinds(byKind),
                ms(firstOk), ms(lastFirstOk), ms(pct(lat, 0.50)), ms(pct(lat, 0.99)), ms(pct(lat, 1.0)),
                ok / (elapsed / 1e9), elapsed / 1e9, sampler.peak, sampler.seen.size());
    }

    private static String kinds(Map<String, Long> byKind) {
        var sb = new StringBuilder();
        byKind.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append(':').append(v));
        return sb.toString();
    }

    /** Nearest-rank percentile: the smallest latency that at least {@code q} of the requests did not exceed. */
    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Long.MAX_VALUE;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String ms(long nanos) {
        return nanos == Long.MAX_VALUE ? "none" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** One closed-loop client: the next request leaves when the previous answer has arrived. */
    static final class Client implements Runnable {
        private final HttpClient http;
        private final HttpRequest request;
        private final CountDownLatch start;
        private final Map<String, LongAdder> errors;
        private long t0;
        private long deadline;
        private long[] latencies = new long[1024];
        private int okCount;
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
            } catch (InterruptedException e) {
                return;
            }
            while (System.nanoTime() < deadline) {
                long sent = System.nanoTime();
                String error;
                try {
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    error = status / 100 == 2 ? null : Integer.toString(status);
                } catch (IOException e) {
                    error = e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    return;
                }
                long done = System.nanoTime();
                if (error != null) {
                    errors.computeIfAbsent(error, k -> new LongAdder()).increment();
                    continue;
                }
                if (firstOk < 0) {
                    firstOk = done - t0;
                }
                if (okCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, okCount * 2);
                }
                latencies[okCount++] = done - sent;
            }
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, okCount);
        }
    }

    /**
     * Counts the function's instance processes every {@value #SAMPLE_MILLIS} ms: the peak at any
     * sample, and every process id ever seen (= instances started, as none stops during a level:
     * the idle timeout is minutes).
     */
    static final class Sampler implements Runnable {
        private final Path codeDir;
        private final Set<Long> seen = new HashSet<>();
        private volatile boolean running = true;
        private int peak;

        Sampler(Path codeDir) {
            this.codeDir = codeDir;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            do {
                int now = 0;
                try (var procs = Files.newDirectoryStream(Path.of("/proc"), Sampler::isProcess)) {
                    for (Path proc : procs) {
                        if (isInstance(proc)) {
                            now++;
                            seen.add(Long.parseLong(proc.getFileName().toString()));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                peak = Math.max(peak, now);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            } while (running);
        }

        private static boolean isProcess(Path entry) {
            return entry.getFileName().toString().chars().allMatch(Character::isDigit);
        }

        private boolean isInstance(Path proc) {
            try {
                if (!Files.readSymbolicLink(proc.resolve("cwd")).equals(codeDir)) {
                    return false;
                }
                String commandLine = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                return !commandLine.startsWith("/usr/bin/bwrap ")
                        && commandLine.toLowerCase(Locale.ROOT).contains("bootstrap");
            } catch (IOException e) {
                return false; // gone, or not ours to read
            }
        }
    }
}
