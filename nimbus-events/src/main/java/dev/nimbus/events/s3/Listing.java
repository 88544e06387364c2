package dev.nimbus.events.s3;

import dev.nimbus.core.object.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ListObjectsV2 over the store's ordered key ranges: keys after the start point, rolled up into
 * common prefixes at the first delimiter after the prefix, at most {@code max-keys} keys and
 * prefixes together. A common prefix is listed once: the next query seeks past it, to the prefix
 * followed by U+10FFFF, the greatest code point (keys that go on after even that are skipped as
 * they come). The continuation token is opaque: base64url of {@code K<last key>} or
 * {@code P<last common prefix>}.
 */
final class Listing {
    static final int MAX_KEYS = 1000;
    /** Sorts after every key that starts with a prefix, but those going on after U+10FFFF. */
    private static final String HIGHEST = "\uDBFF\uDFFF";
    private static final int PAGE = 1000;

    private Listing() {
    }

    /** The store's ordered listing: up to {@code limit} objects with {@code prefix}, keys after {@code after}. */
    @FunctionalInterface
    interface Source {
        List<ObjectInfo> page(String prefix, String after, int limit);
    }

    /**
     * @param delimiter         null when none
     * @param continuationToken as received, or null
     * @param startAfter        null when none; ignored with a continuation token
     */
    record Request(String prefix, String delimiter, int maxKeys, String continuationToken, String startAfter,
                   boolean urlEncoding) {
    }

    record Result(List<ObjectInfo> contents, List<String> commonPrefixes, boolean truncated, String nextToken) {
    }

    static Result list(Source source, Request request) {
        if (request.maxKeys() == 0) {
            return new Result(List.of(), List.of(), false, null);
        }
        String after = request.startAfter();
        String skip = null;
        if (request.continuationToken() != null) {
            String token = decode(request.continuationToken());
            after = token.substring(1);
            if (token.charAt(0) == 'P') {
                skip = after;
                after = after + HIGHEST;
            }
        }
        List<ObjectInfo> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        String prefix = request.prefix();
        while (true) {
            List<ObjectInfo> page = source.page(prefix, after, PAGE);
            boolean sought = false;
            for (ObjectInfo o : page) {
                after = o.key();
                if (skip != null && o.key().startsWith(skip)) {
                    continue;
                }
                int at = request.delimiter() == null ? -1 : o.key().indexOf(request.delimiter(), prefix.length());
                if (contents.size() + prefixes.size() == request.maxKeys()) {
                    return new Result(contents, prefixes, true, last == null ? null : encode(last));
                }
                if (at < 0) {
                    contents.add(o);
                    last = "K" + o.key();
                } else {
                    skip = o.key().substring(0, at + request.delimiter().length());
                    prefixes.add(skip);
                    last = "P" + skip;
                    after = skip + HIGHEST;
                    sought = true;
                    break;
                }
            }
            if (!sought && page.size() < PAGE) {
                return new Result(contents, prefixes, false, null);
            }
        }
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
