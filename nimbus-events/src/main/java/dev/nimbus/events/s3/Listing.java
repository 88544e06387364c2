package dev.nimbus.events.s3;

import dev.nimbus.core.object.KeyOrder;
import dev.nimbus.core.object.ObjectSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ListObjectsV2 over the store's ordered key ranges: keys from the start point, rolled up into
 * common prefixes at the first delimiter after the prefix, at most {@code max-keys} keys and
 * prefixes together. A common prefix is listed once: the next query starts at its successor
 * ({@link KeyOrder#successor}), the first key past all of its keys, however many there are. The
 * continuation token is opaque: base64url of {@code K<last key>} or {@code P<last common prefix>}.
 *
 * <p>The rows read stay proportional to {@code max-keys}: without a delimiter one query reads
 * max-keys + 1 rows; with one, a query after a common prefix reads 16 rows, and the pages double
 * while they hold keys only, so a page cut short by a common prefix wasted at most twice the keys
 * listed before it plus 16. Listing 1,000 common prefixes thus reads about 16,000 rows in 1,001
 * queries, not a page of 1,000 rows per prefix.
 */
final class Listing {
    static final int MAX_KEYS = 1000;
    /** The first page with a delimiter, and the page after each common prefix. */
    static final int SEEK_PAGE = 16;
    private static final int PAGE = 1000;

    private Listing() {
    }

    /** The store's ordered listing: up to {@code limit} objects with {@code prefix}, keys at or after {@code from}. */
    @FunctionalInterface
    interface Source {
        List<ObjectSummary> page(String prefix, String from, int limit);
    }

    /**
     * @param delimiter         null when none
     * @param continuationToken as received, or null
     * @param startAfter        null when none; ignored with a continuation token
     */
    record Request(String prefix, String delimiter, int maxKeys, String continuationToken, String startAfter,
                   boolean urlEncoding) {
    }

    record Result(List<ObjectSummary> contents, List<String> commonPrefixes, boolean truncated, String nextToken) {
    }

    static Result list(Source source, Request request) {
        if (request.maxKeys() == 0) {
            return new Result(List.of(), List.of(), false, null);
        }
        Position start = start(request);
        if (start == null) {
            return new Result(List.of(), List.of(), false, null);
        }
        String from = start.from();
        String listed = start.listed();
        List<ObjectSummary> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        String prefix = request.prefix();
        String delimiter = request.delimiter();
        int page = delimiter == null ? PAGE : SEEK_PAGE;
        while (true) {
            int limit = Math.min(page, request.maxKeys() - contents.size() - prefixes.size() + 1)
                    + (listed == null ? 0 : 1);
            List<ObjectSummary> rows = source.page(prefix, from, limit);
            String common = null;
            for (ObjectSummary o : rows) {
                if (o.key().equals(listed)) {
                    continue;
                }
                if (contents.size() + prefixes.size() == request.maxKeys()) {
                    return new Result(contents, prefixes, true, last == null ? null : encode(last));
                }
                int at = delimiter == null ? -1 : o.key().indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common = o.key().substring(0, at + delimiter.length());
                    break;
                }
                contents.add(o);
                last = "K" + o.key();
            }
            if (common == null && rows.size() < limit) {
                return new Result(contents, prefixes, false, null); // the range holds no more keys
            }
            if (common == null) {
                from = rows.getLast().key();
                listed = from;
                page = Math.min(PAGE, page * 2);
            } else {
                prefixes.add(common);
                last = "P" + common;
                from = KeyOrder.successor(common);
                listed = null;
                page = SEEK_PAGE;
                if (from == null) {
                    return new Result(contents, prefixes, false, null); // no key sorts after this prefix's keys
                }
            }
        }
    }

    /** Where a listing goes on: at {@code from} (null: the first key), {@code listed} not listed again. */
    private record Position(String from, String listed) {
    }

    /** From start-after or the continuation token; null after a common prefix no key sorts after. */
    private static Position start(Request request) {
        if (request.continuationToken() == null) {
            return new Position(request.startAfter(), request.startAfter());
        }
        String token = decode(request.continuationToken());
        if (token.charAt(0) == 'K') {
            return new Position(token.substring(1), token.substring(1));
        }
        String next = KeyOrder.successor(token.substring(1));
        return next == null ? null : new Position(next, null);
    }

    /** Parses ListObjectsV2's query parameters; 400 for a bad max-keys, token or encoding type. */
    static Request request(Map<String, String> query) {
        String maxKeys = query.getOrDefault("max-keys", Integer.toString(MAX_KEYS));
        int max;
        try {
            max = Integer.parseInt(maxKeys);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 0) {
            throw S3Error.invalidArgument("max-keys must be a non-negative integer, was '" + clip(maxKeys) + "'");
        }
        String encoding = query.get("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request: encoding-type must be url");
        }
        String token = query.get("continuation-token");
        if (token != null) {
            decode(token);
        }
        String delimiter = query.get("delimiter");
        return new Request(query.getOrDefault("prefix", ""), delimiter == null || delimiter.isEmpty() ? null : delimiter,
                Math.min(max, MAX_KEYS), token, query.get("start-after"), encoding != null);
    }

    private static String encode(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.length() > 1 && (decoded.charAt(0) == 'K' || decoded.charAt(0) == 'P')) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw S3Error.invalidArgument("The continuation token provided is incorrect");
    }

    private static String clip(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
