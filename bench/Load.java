import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load programs of bench/ ({@code Burst}, {@code Step}, {@code Rolling}) share: the HTTP
 * client, one request classified, exact latency percentiles, and instance processes counted in
 * /proc. Not run on its own; {@code java bench/Burst.java} finds it next to the program (JEP 458).
 */
final class Load {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private Load() {
    }

    /** HTTP/1.1 (as wrk and curl), one virtual thread per exchange. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    static HttpRequest get(URI url) {
        return HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).build();
    }

    /** Loads the client's own code paths (and the JIT) on a cheap endpoint, so the load measures the server. */
    static void warmUp(HttpClient http, URI status) throws Exception {
        var request = HttpRequest.newBuilder(status).build();
        for (int i = 0; i < 200; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * One request. {@code error} is null for a 2xx answer, else the status ({@code "429"}) or the
     * exception's simple name ({@code "HttpConnectTimeoutException"}).
     */
    record Outcome(String error, String body, long sentNanos, long latencyNanos) {
    }

    static Outcome call(HttpClient http, HttpRequest request) throws InterruptedException {
        long sent = System.nanoTime();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            return new Outcome(status / 100 == 2 ? null : Integer.toString(status), response.body(), sent,
                    System.nanoTime() - sent);
        } catch (IOException e) {
            return new Outcome(e.getClass().getSimpleName(), null, sent, System.nanoTime() - sent);
        }
    }

    /** {@code kind:count,kind:count} sorted by kind, or {@code none}. */
    static String kinds(Map<String, LongAdder> errors) {
        var byKind = new TreeMap<String, Long>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        var sb = new StringBuilder();
        byKind.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append(':').append(v));
        return sb.isEmpty() ? "none" : sb.toString();
    }

    static long total(Map<String, LongAdder> errors) {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Nanoseconds as milliseconds with one decimal, or {@code none} for {@link Long#MAX_VALUE}. */
    static String ms(long nanos) {
        return nanos == Long.MAX_VALUE ? "none" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Every latency kept (exact percentiles); one writer, read after the writer is done. */
    static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        int size() {
            return size;
        }

        long[] values() {
            return Arrays.copyOf(values, size);
        }

        static long[] sorted(Collection<Latencies> all) {
            return all.stream().flatMapToLong(l -> Arrays.stream(l.values())).sorted().toArray();
        }

        /** Nearest rank: the smallest latency that at least {@code q} of the requests did not exceed. */
        static long pct(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Long.MAX_VALUE;
            }
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }

    /**
     * The instance processes of function {@code function} now running, added to {@code seen}. An
     * instance process is one whose environment names the function ({@code AWS_LAMBDA_FUNCTION_NAME},
     * readable by root) and whose command line names a bootstrap: the runtime itself, not
     * bubblewrap's processes or the relays.
     */
    static int countInstances(String function, Set<Long> seen) {
        int now = 0;
        try (var procs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                if (isInstance(proc, function)) {
                    now++;
                    seen.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return now;
    }

    private static boolean isInstance(Path proc, String function) {
        try {
            String environment = "\0" + new String(Files.readAllBytes(proc.resolve("environ")));
            if (!environment.contains("\0AWS_LAMBDA_FUNCTION_NAME=" + function + "\0")) {
                return false;
            }
            String commandLine = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
            return !commandLine.startsWith("/usr/bin/bwrap ") && commandLine.toLowerCase(Locale.ROOT).contains("bootstrap");
        } catch (IOException e) {
            return false; // gone, or not ours to read
        }
    }
}
