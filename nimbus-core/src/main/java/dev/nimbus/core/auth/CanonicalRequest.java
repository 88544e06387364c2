package dev.nimbus.core.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SigV4 canonical request, built the way the AWS SDK for Java v2 builds it for every service
 * but S3 (path normalized and encoded a second time; S3's is {@link #s3}):
 * <pre>
 * POST
 * /2015-03-31/functions/fn%253Aalias/invocations
 * Marker=a%2Fb&amp;Qualifier=%24LATEST
 * host:localhost:9000
 * x-amz-date:20150830T123600Z
 *
 * host;x-amz-date
 * 44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
 * </pre>
 */
final class CanonicalRequest {
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\n\\x0B\\f\\r]+");

    private CanonicalRequest() {
    }

    /** @throws Refusal {@link AuthError#INVALID_SIGNATURE} if a signed header is not in the request */
    static String of(SignedRequest request, List<String> signedHeaders) {
        return request.method() + "\n"
                + uri(request.rawPath()) + "\n"
                + query(request.rawQuery()) + "\n"
                + headers(request.headers(), signedHeaders) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + request.payloadSha256();
    }

    /**
     * The canonical request as S3 signs it: the path is not normalized and encoded only once (the
     * percent-decoded path encoded again, so that {@code %2b} and {@code %2B} sign alike), and the
     * payload hash is the value of {@code x-amz-content-sha256} (or {@code UNSIGNED-PAYLOAD}) as sent.
     * {@code rawQuery} must not hold the signature of a presigned URL.
     */
    static String s3(SignedRequest request, String rawQuery, List<String> signedHeaders, String payloadHash) {
        return request.method() + "\n"
                + PercentEncoding.encode(PercentEncoding.decode(request.rawPath()), true) + "\n"
                + query(rawQuery) + "\n"
                + headers(request.headers(), signedHeaders) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + payloadHash;
    }

    /**
     * The raw path with dot segments and empty segments removed (as {@code java.net.URI#normalize}
     * does, which is what the SDK signs), then every byte but '/' and unreserved characters encoded
     * again: {@code /a/./fn%3Aalias/} becomes {@code /a/fn%253Aalias/}.
     */
    static String uri(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/")) {
            if (segment.equals("..") && !segments.isEmpty() && !segments.peekLast().equals("..")) {
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        String path = "/" + String.join("/", segments);
        boolean trailingSlash = rawPath.endsWith("/") && !segments.isEmpty();
        return PercentEncoding.encode(trailingSlash ? path + "/" : path, true);
    }

    /**
     * Parameters percent-decoded as sent, re-encoded uniformly and sorted by name, then value;
     * a parameter without '=' has an empty value and one with an empty name is not signed:
     * {@code Qualifier=%24LATEST&Marker=a/b&flag} becomes {@code Marker=a%2Fb&Qualifier=%24LATEST&flag=}.
     */
    static String query(String rawQuery) {
        var parameters = new ArrayList<Map.Entry<String, String>>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = reencode(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.isEmpty()) {
                parameters.add(Map.entry(name, eq < 0 ? "" : reencode(pair.substring(eq + 1))));
            }
        }
        return parameters.stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
    }

    /**
     * One {@code name:value} line per signed header, in the order signed (the SDK sorts them); the
     * values of a repeated header are trimmed, their inner whitespace runs collapsed to one space,
     * and joined with ','.
     */
    static String headers(Map<String, List<String>> headers, List<String> signedHeaders) {
        var sb = new StringBuilder(256);
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw Refusal.signedHeaderAbsent(name);
            }
            sb.append(name).append(':')
                    .append(values.stream().map(CanonicalRequest::collapse).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String reencode(String raw) {
        return PercentEncoding.encode(PercentEncoding.decode(raw), false);
    }

    /** Whitespace as the SDK counts it: space, tab, CR, LF, vertical tab and form feed. */
    private static String collapse(String value) {
        String collapsed = WHITESPACE.matcher(value).replaceAll(" ");
        int start = collapsed.startsWith(" ") ? 1 : 0;
        int end = collapsed.length() > start && collapsed.endsWith(" ") ? collapsed.length() - 1 : collapsed.length();
        return collapsed.substring(start, end);
    }
}
