package dev.nimbus.controlplane.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@code Marker}/{@code MaxItems} pagination of the Lambda list operations (lambda-compat.md §5.1).
 *
 * <p>A marker is the key of the last item of the previous page, base64url-encoded so clients treat
 * it as opaque. A page holds the items whose key sorts after the marker, so items created or
 * deleted between two calls neither shift later pages nor repeat items. Example: keys a, b, c, d,
 * e with MaxItems 2 give [a, b] with marker "b", then [c, d] with marker "d", then [e] and no marker.
 */
final class Pages {
    /** Most items a page of ListFunctions or ListVersionsByFunction holds, whatever MaxItems says. */
    static final int MAX_PAGE = 50;
    private static final int MAX_ITEMS = 10_000;

    private Pages() {
    }

    /**
     * One page.
     *
     * @param nextMarker where the next page starts, or null on the last page
     */
    record Page<T>(List<T> items, String nextMarker) {
    }

    /**
     * The page of {@code ordered} that follows {@code marker}.
     *
     * @param ordered  all items, ascending by {@code key}
     * @param marker   the {@code Marker} parameter, or null for the first page
     * @param maxItems the {@code MaxItems} parameter, or null
     */
    static <T> Page<T> page(List<T> ordered, Function<T, String> key, String marker, String maxItems) {
        int size = size(maxItems);
        String after = marker == null ? null : decode(marker);
        int from = 0;
        if (after != null) {
            while (from < ordered.size() && key.apply(ordered.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(ordered.size(), from + size);
        List<T> items = List.copyOf(ordered.subList(from, to));
        String next = to < ordered.size() ? encode(key.apply(ordered.get(to - 1))) : null;
        return new Page<>(items, next);
    }

    private static final String MARKER_PREFIX = "m:";

    /** A key for a version that sorts {@code $LATEST} first, then versions by number (2 before 10). */
    static String versionKey(String version) {
        return version.startsWith("$") ? "" : "%019d".formatted(Long.parseLong(version));
    }

    private static int size(String maxItems) {
        if (maxItems == null) {
            return MAX_PAGE;
        }
        int n;
        try {
            n = Integer.parseInt(maxItems);
        } catch (NumberFormatException e) {
            throw LambdaErrors.validation(maxItems, "maxItems", "Member must be an integer");
        }
        if (n < 1) {
            throw LambdaErrors.validation(maxItems, "maxItems", "Member must have value greater than or equal to 1");
        }
        if (n > MAX_ITEMS) {
            throw LambdaErrors.validation(maxItems, "maxItems",
                    "Member must have value less than or equal to " + MAX_ITEMS);
        }
        return Math.min(n, MAX_PAGE);
    }

    /**
     * The marker after {@code key}: never empty, even for the empty key ({@code $LATEST}, a function's
     * own URL), because the SDKs' paginators take an empty marker for the last page.
     */
    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((MARKER_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith(MARKER_PREFIX)) {
                return text.substring(MARKER_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // not base64: the same answer as any other marker we never issued
        }
        throw LambdaErrors.invalidParameter("Invalid Marker: it must be the NextMarker of a previous response");
    }
}
