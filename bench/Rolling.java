import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rolling update under load: {@code clients} closed-loop clients send {@code GET url} without pause
 * while the function's code is updated {@code updates} times, by running {@code command i} for
 * i = 1..updates, one after the other, {@code gap} seconds apart.
 *
 * <p>Usage: {@code java bench/Rolling.java URL CLIENTS BEFORE_S UPDATES GAP_S AFTER_S COMMAND...}.
 * Requests are put in a window by the instant they were sent: {@code before} (the first BEFORE_S
 * seconds), {@code during} (from the first update's start until GAP_S after the last one ended) and
 * {@code after} (AFTER_S more). Prints one {@code key=value} line per window (errors by kind, exact
 * latency percentiles of 2xx answers, and the 2xx bodies counted, which tell the code versions
 * apart) and one line for the updates (their durations and failures).
 *
 * <p>Threading: one virtual thread per client; the main thread runs the updates and marks the windows.
 */
public class Rolling {
    private static final String[] WINDOWS = {"before", "during", "after"};

    /** What the clients saw in one window. */
    static final class Window {
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Map<String, LongAdder> bodies = new ConcurrentHashMap<>();
        final List<Load.Latencies> latencies = new CopyOnWriteArrayList<>();
        volatile long seconds;
    }

    private static volatile long duringFrom = Long.MAX_VALUE;
    private static volatile long afterFrom = Long.MAX_VALUE;

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        long before = Long.parseLong(args[2]);
        int updates = Integer.parseInt(args[3]);
        long gap = Long.parseLong(args[4]);
        long after = Long.parseLong(args[5]);
        List<String> command = List.of(Arrays.copyOfRange(args, 6, args.length));
        HttpClient http = Load.client();
        Load.warmUp(http, url.resolve("/api/v1/status"));
        HttpRequest request = Load.get(url);

        var windows = List.of(new Window(), new Window(), new Window());
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        var threads = new ArrayList<Thread>();
        long t0 = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().name("rolling-client-" + i).start(() -> loop(http, request, windows, running)));
        }
        Thread.sleep(before * 1000);
        duringFrom = System.nanoTime();
        var durations = new ArrayList<String>();
        int failures = 0;
        for (int i = 1; i <= updates; i++) {
            long start = System.nanoTime();
            var cmd = new ArrayList<>(command);
            cmd.add(Integer.toString(i));
            int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            failures += exit == 0 ? 0 : 1;
            durations.add(Load.ms(System.nanoTime() - start));
            Thread.sleep(gap * 1000);
        }
        afterFrom = System.nanoTime();
        Thread.sleep(after * 1000);
        running.set(false);
        long end = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        windows.get(0).seconds = duringFrom - t0;
        windows.get(1).seconds = afterFrom - duringFrom;
        windows.get(2).seconds = end - afterFrom;
        for (int i = 0; i < WINDOWS.length; i++) {
            report(WINDOWS[i], windows.get(i));
        }
        System.out.printf(Locale.ROOT, "updates=%d update_ms=%s update_failures=%d%n", updates,
                String.join(",", durations), failures);
    }

    private static void loop(HttpClient http, HttpRequest request, List<Window> windows,
                             java.util.concurrent.atomic.AtomicBoolean running) {
        var latencies = new Load.Latencies[] {new Load.Latencies(), new Load.Latencies(), new Load.Latencies()};
        for (int i = 0; i < latencies.length; i++) {
            windows.get(i).latencies.add(latencies[i]);
        }
        try {
            while (running.get()) {
                var outcome = Load.call(http, request);
                long sent = outcome.sentNanos();
                int w = sent < duringFrom ? 0 : sent < afterFrom ? 1 : 2;
                Window window = windows.get(w);
                if (outcome.error() == null) {
                    latencies[w].add(outcome.latencyNanos());
                    window.bodies.computeIfAbsent(outcome.body(), k -> new LongAdder()).increment();
                } else {
                    window.errors.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(String name, Window window) {
        long[] lat = Load.Latencies.sorted(window.latencies);
        long errors = Load.total(window.errors);
        var bodies = new TreeMap<String, Long>();
        window.bodies.forEach((k, v) -> bodies.put(k.replaceAll("[\\s,:=]", "_"), v.sum()));
        var served = new StringBuilder();
        bodies.forEach((k, v) -> served.append(served.isEmpty() ? "" : ",").append(k).append(':').append(v));
        System.out.printf(Locale.ROOT, "window=%s seconds=%.1f requests=%d errors=%d error_kinds=%s p50_ms=%s p99_ms=%s "
                        + "max_ms=%s bodies=%s%n", name, window.seconds / 1e9, lat.length + errors, errors,
                Load.kinds(window.errors), Load.ms(Load.Latencies.pct(lat, 0.50)), Load.ms(Load.Latencies.pct(lat, 0.99)),
                Load.ms(Load.Latencies.pct(lat, 1.0)), served);
    }
}
