package dev.nimbus.cli.invocations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nimbus.cli.api.InvocationFilter;
import dev.nimbus.cli.api.ManagementApi;
import dev.nimbus.cli.output.OutputOption;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nimbus invocations NAME}: the function's invocation records, newest first, a page at a
 * time; when there are more, {@code next page: --cursor X} goes to stderr so that stdout stays the
 * page (a table, or the server's document with {@code -o json}). {@code nimbus invocations NAME
 * REQUEST_ID} shows one record with its log.
 */
@Command(name = "invocations", description = {"List a function's invocations, newest first: when, how it started"
        + " (cold/warm), how long it ran, how it ended.", "Older pages: repeat with the --cursor printed on stderr."})
public final class InvocationsCommand implements Callable<Integer> {
    static final Set<String> OUTCOMES = Set.of("success", "function_error", "init_error", "timeout", "throttled",
            "platform_error");
    static final int MAX_LIMIT = 200;

    private final Supplier<ManagementApi> api;
    private final InstantSource clock;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "function name")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REQUEST_ID", description = "show this invocation with its log")
    private String requestId;

    @Option(names = "--outcome", paramLabel = "OUTCOME", split = ",", description = {"only these outcomes, e.g."
            + " function_error,timeout:", "success, function_error, init_error, timeout, throttled, platform_error"})
    private List<String> outcomes = List.of();

    @Option(names = "--since", paramLabel = "WHEN", description = "only invocations since then: 30s, 15m, 1h, 7d ago,"
            + " or an ISO-8601 instant")
    private String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "only invocations before then (same forms)")
    private String until;

    @Option(names = "--limit", paramLabel = "N", description = "at most N per page, 1-" + MAX_LIMIT
            + " (default: the server's)")
    private Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "the page after the one that printed it")
    private String cursor;

    @Mixin
    private OutputOption output;

    public InvocationsCommand(Supplier<ManagementApi> api, InstantSource clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (requestId != null) {
            return showOne();
        }
        InvocationFilter filter = filter();
        JsonNode page;
        try (ManagementApi client = api.get()) {
            page = client.invocations(name, filter);
        }
        output.print(spec.commandLine().getOut(), page, InvocationText::table);
        if (page.path("nextCursor").isTextual()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("next page: --cursor " + page.path("nextCursor").asText());
            err.flush();
        }
        return 0;
    }

    private int showOne() {
        JsonNode invocation;
        try (ManagementApi client = api.get()) {
            invocation = client.invocation(name, requestId);
        }
        output.print(spec.commandLine().getOut(), invocation, InvocationText::details);
        return 0;
    }

    private InvocationFilter filter() {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw usage("--limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        List<String> wanted = outcomes.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        for (String outcome : wanted) {
            if (!OUTCOMES.contains(outcome)) {
                throw usage("--outcome must be among " + String.join(", ", OUTCOMES.stream().sorted().toList())
                        + ", was '" + outcome + "'");
            }
        }
        Instant now = clock.instant();
        Instant from = moment("--since", since, now);
        Instant to = moment("--until", until, now);
        if (from != null && to != null && !from.isBefore(to)) {
            throw usage("--since must be before --until, was " + from + " and " + to);
        }
        return new InvocationFilter(limit, cursor, wanted, from, to);
    }

    private Instant moment(String option, String value, Instant now) {
        if (value == null) {
            return null;
        }
        return Moment.parse(value, now).orElseThrow(() -> usage(option + " must be " + Moment.FORMS + ", was '" + value + "'"));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
