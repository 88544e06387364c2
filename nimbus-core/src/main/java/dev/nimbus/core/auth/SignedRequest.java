package dev.nimbus.core.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An HTTP request as received, with what SigV4 verification needs.
 *
 * @param method        the request method as sent, e.g. {@code POST}
 * @param rawPath       the path exactly as received, still percent-encoded and not normalized,
 *                      without the query: {@code /2015-03-31/functions/fn%3Aalias/invocations}
 * @param rawQuery      the query string as received, without '?', still percent-encoded; null or
 *                      empty when there is none
 * @param headers       every header line as received; names are matched case-insensitively, and a
 *                      header sent on several lines has one value per line (not joined with ',')
 * @param payloadSha256 the lower-case hex SHA-256 of the body (of zero bytes when there is none)
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
                            Map<String, List<String>> headers, String payloadSha256) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Copies {@code headers} into an immutable map with case-insensitive names; repeated names are
     * merged and names without values dropped.
     */
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        if (!SHA256_HEX.matcher(payloadSha256).matches()) {
            throw new IllegalArgumentException("payloadSha256 must be 64 lower-case hex digits, was '" + payloadSha256 + "'");
        }
        headers = caseInsensitive(headers);
    }

    /** A request whose body is {@code body}; use the canonical constructor to pass a hash computed while streaming. */
    public static SignedRequest of(String method, String rawPath, String rawQuery,
                                   Map<String, List<String>> headers, byte[] body) {
        return new SignedRequest(method, rawPath, rawQuery, headers, Signing.sha256Hex(body));
    }

    /** The values of header {@code name} (any case), empty if absent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    private static SortedMap<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        var merged = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
            }
        });
        merged.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableSortedMap(merged);
    }
}
