package dev.nimbus.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4 {@code Authorization} headers, as the AWS SDK for Java v2 signs
 * them for services other than S3 (Lambda among them): the signature is recomputed from the
 * request and the access key's secret and compared in constant time.
 *
 * <p>A request is {@link Verdict.Accepted accepted} only if its access key is known, its
 * {@code X-Amz-Date} is within the allowed skew of the clock and on the day of the credential
 * scope, {@code host} is signed, every signed header is present, the body hashes to any
 * {@code x-amz-content-sha256} it declares, and the signature over the canonical request (which
 * always covers the body's actual SHA-256, so {@code UNSIGNED-PAYLOAD} signatures never match)
 * equals the one sent. Anything else is {@link Verdict.Refused refused} with AWS's error code.
 * Verification never throws for any content of the request, and its work is bounded by the
 * request's size: the {@code Authorization} header may be at most 4 KB and sign at most 64 headers.
 *
 * <p>Threading: immutable; {@link #verify} may be called from any number of threads.
 */
public final class SigV4Verifier {
    /** The clock skew AWS allows: 15 minutes. */
    public static final Duration AWS_SKEW = Duration.ofMinutes(15);
    static final String SIGV4A = "AWS4-ECDSA-P256-SHA256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final Function<String, String> secrets;
    private final InstantSource clock;
    private final Duration skew;

    private SigV4Verifier(Function<String, String> secrets, InstantSource clock, Duration skew) {
        this.secrets = secrets;
        this.clock = clock;
        this.skew = skew;
    }

    /**
     * @param secrets access key id → secret access key
     * @param clock   the time {@code X-Amz-Date} is checked against
     * @param skew    how far {@code X-Amz-Date} may lie from the clock either way: whole minutes,
     *                1 to 60 ({@link #AWS_SKEW} is AWS's)
     */
    public static SigV4Verifier create(Map<String, String> secrets, InstantSource clock, Duration skew) {
        return create(Map.copyOf(secrets)::get, clock, skew);
    }

    /**
     * As {@link #create(Map, InstantSource, Duration)}, with keys that may change while it runs.
     *
     * @param secrets access key id → secret access key, or null for an unknown key; called on
     *                every request, so it must be fast and thread-safe
     */
    public static SigV4Verifier create(Function<String, String> secrets, InstantSource clock, Duration skew) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
        if (skew.toMinutes() < 1 || skew.toMinutes() > 60 || !skew.equals(Duration.ofMinutes(skew.toMinutes()))) {
            throw new IllegalArgumentException("skew must be whole minutes between 1 and 60, was " + skew);
        }
        return new SigV4Verifier(secrets, clock, skew);
    }

    /** Accepts the request or refuses it with the AWS error code and a message safe to show. */
    public Verdict verify(SignedRequest request) {
        try {
            return check(request);
        } catch (Refusal refusal) {
            return refusal.verdict();
        }
    }

    /**
     * Checks what needs no body — an Authorization header of the right form, a current date, a
     * known key — so that a request bound to fail is refused before its body is read. The
     * request's payload hash is ignored; {@link #verify} must still follow.
     */
    public Verdict verifyHeaders(SignedRequest request) {
        try {
            Authorization authorization = headers(request);
            return new Verdict.Accepted(authorization.accessKeyId(), authorization.region(), authorization.service());
        } catch (Refusal refusal) {
            return refusal.verdict();
        }
    }

    private Authorization headers(SignedRequest request) {
        String header = single(request, "Authorization").orElseThrow(Refusal::missingToken);
        Authorization authorization = Authorization.parse(header);
        String amzDate = single(request, "X-Amz-Date").orElseThrow(Refusal::missingDate);
        checkDate(AmzDate.parse(amzDate), amzDate, authorization.scopeDate());
        if (secrets.apply(authorization.accessKeyId()) == null) {
            throw Refusal.unrecognizedClient();
        }
        return authorization;
    }

    private Verdict check(SignedRequest request) {
        Authorization authorization = headers(request);
        String amzDate = single(request, "X-Amz-Date").orElseThrow(Refusal::missingDate);
        String secret = secret(authorization.accessKeyId());
        List<String> declaredHash = request.header("x-amz-content-sha256");
        if (!declaredHash.isEmpty() && !declaredHash.equals(List.of(UNSIGNED_PAYLOAD))
                && !declaredHash.equals(List.of(request.payloadSha256()))) {
            throw Refusal.payloadHashMismatch();
        }
        String canonical = CanonicalRequest.of(request, authorization.signedHeaders());
        String expected = Signing.signature(secret, authorization, amzDate, canonical);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw Refusal.signatureMismatch();
        }
        return new Verdict.Accepted(authorization.accessKeyId(), authorization.region(), authorization.service());
    }

    /**
     * Authenticates a request to the S3 API before its body is read, by S3's rules: the canonical
     * URI is the path encoded once, not normalized; the signature covers the value of the
     * required {@code x-amz-content-sha256} header (a hex SHA-256, {@code UNSIGNED-PAYLOAD} or a
     * {@code STREAMING-...} value), whose promise {@link S3Payload} keeps while the body is read.
     * Presigned URLs ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
     * {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature} in the query)
     * are accepted until they expire. The credential scope must be for service {@code s3}.
     * Signature Version 4A, which S3 also accepts, is refused as not implemented (501).
     */
    public S3Verdict verifyS3(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        try {
            var request = new SignedRequest(method, rawPath, rawQuery, headers, NO_BODY_YET);
            return hasQueryAuth(request.rawQuery()) ? presigned(request) : s3Header(request);
        } catch (Refusal refusal) {
            return new S3Verdict(refusal.verdict(), null);
        }
    }

    private S3Verdict s3Header(SignedRequest request) {
        if (single(request, "Authorization").filter(h -> h.strip().startsWith(SIGV4A + " ")).isPresent()) {
            throw Refusal.sigV4a();
        }
        Authorization authorization = s3Scoped(headers(request));
        String amzDate = single(request, "X-Amz-Date").orElseThrow(Refusal::missingDate);
        String payloadHash = single(request, "x-amz-content-sha256").orElseThrow(Refusal::missingContentSha256);
        byte[] key = Signing.signingKey(secret(authorization.accessKeyId()), authorization);
        String canonical = CanonicalRequest.s3(request, request.rawQuery(), authorization.signedHeaders(), payloadHash);
        if (!ChunkSigner.same(Signing.signature(key, authorization, amzDate, canonical), authorization.signature())) {
            throw Refusal.signatureMismatch();
        }
        return new S3Verdict(accepted(authorization), new ChunkSigner(key, amzDate, authorization.scope(),
                authorization.signature()));
    }

    private static boolean hasQueryAuth(String rawQuery) {
        return rawQuery.startsWith("X-Amz-Algorithm=") || rawQuery.contains("&X-Amz-Algorithm=");
    }

    /** Query-string authentication: the Authorization header's parts as X-Amz-* parameters, the payload unsigned. */
    private S3Verdict presigned(SignedRequest request) {
        Map<String, String> q = new HashMap<>();
        var unsigned = new StringJoiner("&");
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String name = new String(PercentEncoding.decode(eq < 0 ? pair : pair.substring(0, eq)),
                    StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : new String(PercentEncoding.decode(pair.substring(eq + 1)),
                    StandardCharsets.UTF_8);
            if (name.startsWith("X-Amz-") && q.put(name, value) != null) {
                throw Refusal.repeatedParameter(name);
            }
            if (!name.equals("X-Amz-Signature")) {
                unsigned.add(pair);
            }
        }
        for (String required : List.of("X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
                "X-Amz-Signature")) {
            if (q.getOrDefault(required, "").isEmpty()) {
                throw Refusal.malformedPresigned(required);
            }
        }
        if (q.get("X-Amz-Algorithm").equals(SIGV4A)) {
            throw Refusal.sigV4a();
        }
        if (!q.get("X-Amz-Algorithm").equals(Authorization.ALGORITHM)) {
            throw Refusal.unsupportedAlgorithm(q.get("X-Amz-Algorithm"));
        }
        Authorization authorization = s3Scoped(Authorization.parse(Authorization.ALGORITHM + " Credential="
                + q.get("X-Amz-Credential") + ", SignedHeaders=" + q.get("X-Amz-SignedHeaders") + ", Signature="
                + q.get("X-Amz-Signature")));
        String amzDate = q.get("X-Amz-Date");
        Instant date = AmzDate.parse(amzDate);
        long expires;
        try {
            expires = Long.parseLong(q.get("X-Amz-Expires"));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 1 || expires > 604_800) {
            throw Refusal.malformedPresigned("X-Amz-Expires between 1 and 604800 seconds");
        }
        if (!amzDate.startsWith(authorization.scopeDate())) {
            throw Refusal.scopeDateMismatch(authorization.scopeDate(), amzDate.substring(0, 8));
        }
        Instant now = clock.instant();
        if (date.isAfter(now.plus(skew))) {
            throw Refusal.notYetCurrent(amzDate, AmzDate.format(now.plus(skew)), AmzDate.format(now), skew);
        }
        if (now.isAfter(date.plusSeconds(expires))) {
            throw Refusal.presignedExpired();
        }
        String secret = secret(authorization.accessKeyId());
        String canonical = CanonicalRequest.s3(request, unsigned.toString(), authorization.signedHeaders(),
                UNSIGNED_PAYLOAD);
        if (!ChunkSigner.same(Signing.signature(secret, authorization, amzDate, canonical), authorization.signature())) {
            throw Refusal.signatureMismatch();
        }
        return new S3Verdict(accepted(authorization), null);
    }

    /** The key's secret; a key deleted since the headers were checked is unknown. */
    private String secret(String accessKeyId) {
        String secret = secrets.apply(accessKeyId);
        if (secret == null) {
            throw Refusal.unrecognizedClient();
        }
        return secret;
    }

    private static Authorization s3Scoped(Authorization authorization) {
        if (!authorization.service().equals("s3")) {
            throw Refusal.wrongService("s3");
        }
        return authorization;
    }

    private static Verdict.Accepted accepted(Authorization a) {
        return new Verdict.Accepted(a.accessKeyId(), a.region(), a.service());
    }

    private void checkDate(Instant date, String amzDate, String scopeDate) {
        if (!amzDate.startsWith(scopeDate)) {
            throw Refusal.scopeDateMismatch(scopeDate, amzDate.substring(0, 8));
        }
        Instant now = clock.instant();
        if (date.isBefore(now.minus(skew))) {
            throw Refusal.expired(amzDate, AmzDate.format(now.minus(skew)), AmzDate.format(now), skew);
        }
        if (date.isAfter(now.plus(skew))) {
            throw Refusal.notYetCurrent(amzDate, AmzDate.format(now.plus(skew)), AmzDate.format(now), skew);
        }
    }

    /** The header's only value; blank counts as absent. @throws Refusal if the header is repeated */
    private static Optional<String> single(SignedRequest request, String name) {
        List<String> values = request.header(name).stream().filter(v -> !v.isBlank()).toList();
        if (values.size() > 1) {
            throw Refusal.repeatedHeader(name);
        }
        return values.stream().findFirst();
    }

    /**
     * This verifier accepting signatures by {@code accessKeyId} only (null: by none); any other key
     * is unknown to it.
     */
    public SigV4Verifier only(String accessKeyId) {
        return new SigV4Verifier(id -> id.equals(accessKeyId) ? secrets.apply(id) : null, clock, skew);
    }

    /**
     * This verifier as the hook the facades call: requests must be signed for {@code service}
     * (e.g. {@code lambda}) by one of the known keys.
     */
    public RequestAuth forService(String service) {
        return new RequestAuth() {
            @Override
            public RequestAuth signedBy(String accessKeyId) {
                return only(accessKeyId).forService(service);
            }

            @Override
            public RequestAuth.Refusal checkHeaders(String method, String rawPath, String rawQuery,
                                        Map<String, List<String>> headers) {
                return refusal(verifyHeaders(new SignedRequest(method, rawPath, rawQuery, headers, NO_BODY_YET)), service);
            }

            @Override
            public RequestAuth.Refusal check(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                 byte[] body) {
                return refusal(verify(SignedRequest.of(method, rawPath, rawQuery, headers, body)), service);
            }
        };
    }

    /** Stands in for the payload hash in {@link #verifyHeaders}, which never looks at it. */
    private static final String NO_BODY_YET = "0".repeat(64);

    private static RequestAuth.Refusal refusal(Verdict verdict, String service) {
        return switch (verdict) {
            case Verdict.Accepted a when a.service().equals(service) -> null;
            case Verdict.Accepted a -> new RequestAuth.Refusal(AuthError.INVALID_SIGNATURE.code(),
                    "Credential should be scoped to correct service: '" + service + "'.");
            case Verdict.Refused r -> new RequestAuth.Refusal(r.error().code(), r.message());
        };
    }
}
