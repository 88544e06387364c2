import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Step load: closed-loop clients in phases of fixed concurrency (e.g. 1 for 30 s, 20 for 60 s, 1 for
 * 60 s, 0 for the stable window plus the scale-to-zero grace), and once a second the function's
 * instance count, to see how fast the autoscaler follows each step.
 *
 * <p>Usage: {@code java bench/Step.java BASE_URL NAME PHASES [SAMPLES_CSV]}, PHASES as
 * {@code clients:seconds,...} ({@code 1:30,20:60,1:60,0:18}). Clients send {@code GET BASE_URL/fn/NAME}.
 * Instances come from {@code GET BASE_URL/api/v1/functions/NAME/scaling} ({@code actualInstances},
 * {@code desiredInstances}) while it answers 200, else from the runtime processes in /proc whose
 * environment names the function ({@link Load#countInstances}); both are sampled, the source is printed.
 *
 * <p>Prints one {@code key=value} line per phase and a summary line. Per phase after the first:
 * after a step up, {@code steady} is the median instance count over the phase's second half and
 * {@code follow_s} the seconds from the phase start to the first sample at ≥ 90 % of it (20 steady →
 * 18); after a step down, {@code follow_s} is the seconds to the first sample at ≤ 2 instances, or
 * at 0 when the phase has no client. {@code never}: not reached within the phase. The summary's
 * {@code end_instances} is the last sample, at the end of the last phase (target 0).
 *
 * <p>Threading: one virtual thread per client of a phase (a phase's clients stop at its end, their
 * last request completes and counts for it); the main thread samples and starts the phases.
 */
public class Step {
    private static final Pattern ACTUAL = Pattern.compile("\"actualInstances\"\\s*:\\s*(\\d+)");
    private static final Pattern DESIRED = Pattern.compile("\"desiredInstances\"\\s*:\\s*(\\d+)");

    record Phase(int clients, int seconds) {
    }

    /** One second's sample; {@code desired} is -1 when the scaling API did not answer. */
    record Sample(int second, int phase, int clients, int instances, int desired, int processes) {
    }

    /** What the clients of one phase saw. */
    static final class Outcomes {
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final List<Load.Latencies> latencies = new CopyOnWriteArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String name = args[1];
        List<Phase> phases = Arrays.stream(args[2].split(",")).map(p -> p.split(":"))
                .map(p -> new Phase(Integer.parseInt(p[0]), Integer.parseInt(p[1]))).toList();
        HttpClient http = Load.client();
        Load.warmUp(http, base.resolve("/api/v1/status"));
        HttpRequest invoke = Load.get(base.resolve("/fn/" + name));
        HttpRequest scaling = Load.get(base.resolve("/api/v1/functions/" + name + "/scaling"));

        var outcomes = new ArrayList<Outcomes>();
        var samples = new ArrayList<Sample>();
        var clients = new ArrayList<Thread>();
        var seen = new HashSet<Long>();
        long t0 = System.nanoTime();
        int second = 0;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            var out = new Outcomes();
            outcomes.add(out);
            long deadline = t0 + (second + phase.seconds()) * 1_000_000_000L;
            for (int c = 0; c < phase.clients(); c++) {
                clients.add(Thread.ofVirtual().name("step-" + i + "-client-" + c).start(() -> loop(http, invoke, deadline, out)));
            }
            for (int s = 0; s < phase.seconds(); s++, second++) {
                long next = t0 + (second + 1) * 1_000_000_000L;
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                samples.add(sample(http, scaling, name, seen, second + 1, i, phase.clients()));
            }
        }
        for (Thread t : clients) {
            t.join();
        }
        if (args.length > 3) {
            writeCsv(Path.of(args[3]), samples);
        }
        report(phases, outcomes, samples, seen.size());
    }

    private static void loop(HttpClient http, HttpRequest request, long deadline, Outcomes out) {
        var latencies = new Load.Latencies();
        out.latencies.add(latencies);
        try {
            while (System.nanoTime() < deadline) {
                var outcome = Load.call(http, request);
                if (outcome.error() == null) {
                    latencies.add(outcome.latencyNanos());
                } else {
                    out.errors.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Sample sample(HttpClient http, HttpRequest scaling, String function, HashSet<Long> seen,
                                 int second, int phase, int clients) throws InterruptedException {
        int processes = Load.countInstances(function, seen);
        try {
            var response = http.send(scaling, HttpResponse.BodyHandlers.ofString());
            var actual = ACTUAL.matcher(response.body());
            var desired = DESIRED.matcher(response.body());
            if (response.statusCode() == 200 && actual.find()) {
                return new Sample(second, phase, clients, Integer.parseInt(actual.group(1)),
                        desired.find() ? Integer.parseInt(desired.group(1)) : -1, processes);
            }
        } catch (java.io.IOException e) {
            // no scaling API: the processes are the instances
        }
        return new Sample(second, phase, clients, processes, -1, processes);
    }

    private static void report(List<Phase> phases, List<Outcomes> outcomes, List<Sample> samples, int started) {
        long totalErrors = 0;
        for (int i = 0; i < phases.size(); i++) {
            int index = i;
            List<Sample> in = samples.stream().filter(s -> s.phase() == index).toList();
            var out = outcomes.get(i);
            long[] lat = Load.Latencies.sorted(out.latencies);
            long errors = Load.total(out.errors);
            totalErrors += errors;
            String follow = "-";
            String steady = "-";
            if (i > 0 && phases.get(i).clients() > phases.get(i - 1).clients()) {
                int[] half = in.subList(in.size() / 2, in.size()).stream().mapToInt(Sample::instances).sorted().toArray();
                int median = half.length == 0 ? 0 : half[half.length / 2];
                steady = Integer.toString(median);
                follow = firstSecond(in, s -> s.instances() >= Math.ceil(0.9 * median));
            } else if (i > 0 && phases.get(i).clients() < phases.get(i - 1).clients()) {
                int limit = phases.get(i).clients() == 0 ? 0 : 2;
                follow = firstSecond(in, s -> s.instances() <= limit);
            }
            System.out.printf(Locale.ROOT, "phase=%d clients=%d seconds=%d requests=%d errors=%d error_kinds=%s "
                            + "p50_ms=%s p99_ms=%s max_instances=%d steady=%s follow_s=%s%n",
                    i + 1, phases.get(i).clients(), phases.get(i).seconds(), lat.length + errors, errors,
                    Load.kinds(out.errors), Load.ms(Load.Latencies.pct(lat, 0.50)), Load.ms(Load.Latencies.pct(lat, 0.99)),
                    in.stream().mapToInt(Sample::instances).max().orElse(0), steady, follow);
        }
        boolean api = samples.stream().anyMatch(s -> s.desired() >= 0);
        System.out.printf(Locale.ROOT, "source=%s errors=%d end_instances=%d processes_started=%d%n",
                api ? "scaling-api" : "processes", totalErrors,
                samples.isEmpty() ? 0 : samples.getLast().instances(), started);
    }

    /** Seconds from the phase's start to its first sample matching, or {@code never}. */
    private static String firstSecond(List<Sample> in, java.util.function.Predicate<Sample> reached) {
        if (in.isEmpty()) {
            return "never";
        }
        int start = in.getFirst().second() - 1;
        return in.stream().filter(reached).findFirst().map(s -> Integer.toString(s.second() - start)).orElse("never");
    }

    private static void writeCsv(Path file, List<Sample> samples) throws java.io.IOException {
        try (var w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("second,phase,clients,instances,desired,processes");
            for (Sample s : samples) {
                w.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%d%n", s.second(), s.phase() + 1, s.clients(), s.instances(),
                        s.desired(), s.processes());
            }
        }
    }
}
