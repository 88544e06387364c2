package dev.nimbus.cli.api;

import java.time.Instant;
import java.util.List;

/**
 * Which invocation records to list, as the query of {@code GET /api/v1/functions/{name}/invocations}.
 *
 * @param limit    most records, or null for the server's default
 * @param cursor   where the previous page ended ({@code nextCursor}), or null for the newest
 * @param outcomes only these outcomes ({@code success}, {@code function_error}, ...); empty for all
 * @param since    only invocations that arrived at or after this, or null
 * @param until    only invocations that arrived before this, or null
 */
public record InvocationFilter(Integer limit, String cursor, List<String> outcomes, Instant since, Instant until) {
    public InvocationFilter {
        outcomes = List.copyOf(outcomes);
    }
}
