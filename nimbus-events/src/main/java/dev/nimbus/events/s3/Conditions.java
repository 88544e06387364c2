package dev.nimbus.events.s3;

import dev.nimbus.core.object.Precondition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S3's conditional requests, decided from the request's headers (names lower-case) and the stored
 * object, in the order of RFC 9110 §13.2.2:
 * <pre>
 * GetObject, HeadObject  If-Match does not match, or without it If-Unmodified-Since fails  → 412 PreconditionFailed
 *                        If-None-Match matches, or without it If-Modified-Since holds     → 304 Not Modified
 * PutObject              If-Match (404 NoSuchKey without an object), If-None-Match: *      → a {@link Precondition}
 * </pre>
 * The store checks a PutObject's precondition in the transaction that commits it. Times compare in
 * whole seconds, as {@code Last-Modified} states them; a date that is no HTTP date is ignored.
 */
final class Conditions {
    private Conditions() {
    }

    /**
     * Whether a GET or HEAD sends the object (true) or answers 304 Not Modified (false).
     *
     * @throws S3Error 412 PreconditionFailed naming the condition that failed
     */
    static boolean modified(Map<String, List<String>> headers, String etag, Instant lastModified) {
        Instant seconds = lastModified.truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = list(headers, "if-match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            throw S3Error.preconditionFailed("If-Match");
        }
        Instant unmodifiedSince = ifMatch != null ? null : date(headers, "if-unmodified-since");
        if (unmodifiedSince != null && seconds.isAfter(unmodifiedSince)) {
            throw S3Error.preconditionFailed("If-Unmodified-Since");
        }
        String ifNoneMatch = list(headers, "if-none-match");
        if (ifNoneMatch != null) {
            return !matches(ifNoneMatch, etag);
        }
        Instant modifiedSince = date(headers, "if-modified-since");
        return modifiedSince == null || seconds.isAfter(modifiedSince);
    }

    /**
     * A PutObject's If-Match and If-None-Match as the store checks them. S3 takes only {@code *}
     * for If-None-Match on a write: an etag there is 501 NotImplemented.
     */
    static Precondition write(Map<String, List<String>> headers) {
        String ifNoneMatch = list(headers, "if-none-match");
        if (ifNoneMatch != null && !ifNoneMatch.strip().equals("*")) {
            throw S3Error.notImplemented("If-None-Match with an ETag on PutObject (only If-None-Match: *)");
        }
        String ifMatch = list(headers, "if-match");
        return new Precondition(ifMatch == null ? List.of() : etags(ifMatch), ifNoneMatch != null);
    }

    /** Whether an If-Match / If-None-Match list ({@code *} or quoted etags) names {@code etag}. */
    static boolean matches(String header, String etag) {
        List<String> etags = etags(header);
        return etags.contains("*") || etags.contains(etag);
    }

    private static List<String> etags(String header) {
        List<String> etags = new ArrayList<>();
        for (String candidate : header.split(",")) {
            etags.add(candidate.strip().replace("\"", ""));
        }
        return etags;
    }

    private static Instant date(Map<String, List<String>> headers, String name) {
        String value = first(headers, name);
        return value == null ? null : HttpDates.parse(value);
    }

    /** An etag list, which may come on several lines. */
    private static String list(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
