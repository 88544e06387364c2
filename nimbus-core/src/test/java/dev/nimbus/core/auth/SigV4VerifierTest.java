package dev.nimbus.core.auth;

import static dev.nimbus.core.auth.SdkSigning.ACCESS_KEY;
import static dev.nimbus.core.auth.SdkSigning.SECRET;
import static dev.nimbus.core.auth.SdkSigning.SIGNED_AT;
import static dev.nimbus.core.auth.SdkSigning.received;
import static dev.nimbus.core.auth.SdkSigning.request;
import static dev.nimbus.core.auth.SdkSigning.sign;
import static dev.nimbus.core.auth.SdkSigning.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class SigV4VerifierTest {
    static final byte[] JSON = "{\"orderId\":\"o-17\",\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
    static final byte[] NO_BODY = new byte[0];
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    final SigV4Verifier verifier = verifierAt(SIGNED_AT);

    static SigV4Verifier verifierAt(Instant now) {
        return SigV4Verifier.create(Map.of(ACCESS_KEY, SECRET, "AKIDOTHER", "other-secret"),
                InstantSource.fixed(now), SigV4Verifier.AWS_SKEW);
    }

    /** Invoke of an alias with a qualifier: {@code fn:alias} and {@code $LATEST} need encoding. */
    static SdkHttpRequest invoke() {
        return request(SdkHttpMethod.POST, "/2015-03-31/functions/fn%3Aalias/invocations")
                .putRawQueryParameter("Qualifier", "$LATEST")
                .putRawQueryParameter("Marker", "a/b")
                .putRawQueryParameter("MaxItems", "10")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Amz-Invocation-Type", "RequestResponse")
                .putHeader("Content-Length", String.valueOf(JSON.length))
                .build();
    }

    static SignedRequest signedInvoke() {
        return received(sign(invoke(), JSON, ACCESS_KEY, SECRET), JSON);
    }

    static Stream<Arguments> sdkRequests() {
        return Stream.of(
                Arguments.of("POST invoke with JSON body and encoded query", invoke(), JSON),
                Arguments.of("GET function by ARN, no body", request(SdkHttpMethod.GET,
                        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afn")
                        .putRawQueryParameter("Qualifier", "$LATEST").build(), NO_BODY),
                Arguments.of("GET list, empty and spaced values", request(SdkHttpMethod.GET, "/2015-03-31/functions/")
                        .putRawQueryParameter("FunctionVersion", "ALL")
                        .putRawQueryParameter("Marker", "")
                        .putRawQueryParameter("Tag", "a b+c~d*e").build(), NO_BODY),
                Arguments.of("repeated query parameter", request(SdkHttpMethod.GET, "/2015-03-31/functions")
                        .appendRawQueryParameter("k", "z").appendRawQueryParameter("k", "a").build(), NO_BODY),
                Arguments.of("dot and empty path segments", request(SdkHttpMethod.GET,
                        "/2015-03-31/./functions//x/../fn%24v/").build(), NO_BODY),
                Arguments.of("non-ASCII and reserved path characters", request(SdkHttpMethod.DELETE,
                        "/2015-03-31/functions/%C3%A9t%C3%A9%20fn%2Bx~y").build(), NO_BODY),
                Arguments.of("header on two lines with runs of spaces", request(SdkHttpMethod.PUT,
                        "/2015-03-31/functions/fn/concurrency")
                        .appendHeader("X-Amz-Meta", "  one   two ").appendHeader("X-Amz-Meta", "three").build(), JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkRequests")
    void acceptsRequestsSignedByTheAwsSdk(String description, SdkHttpRequest request, byte[] body) {
        SignedRequest received = received(sign(request, body, ACCESS_KEY, SECRET), body);

        assertThat(verifier.verify(received)).isEqualTo(new Verdict.Accepted(ACCESS_KEY, "us-east-1", "lambda"));
    }

    @Test
    void theHeaderCheckRefusesWhatNeedsNoBodyAndLeavesTheSignatureToTheFullCheck() {
        SignedRequest r = signedInvoke();
        RequestAuth auth = verifier.forService("lambda");

        assertThat(auth.checkHeaders(r.method(), r.rawPath(), r.rawQuery(), r.headers())).isNull();
        assertThat(auth.checkHeaders(r.method(), r.rawPath(), r.rawQuery(), Map.of()))
                .extracting(RequestAuth.Refusal::errorType).isEqualTo("MissingAuthenticationTokenException");
        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16))).forService("lambda")
                .checkHeaders(r.method(), r.rawPath(), r.rawQuery(), r.headers()))
                .extracting(RequestAuth.Refusal::errorType).isEqualTo("InvalidSignatureException");
        var stranger = SigV4Verifier.create(Map.of("AKIDOTHER", "x"), InstantSource.fixed(SIGNED_AT), SigV4Verifier.AWS_SKEW);
        assertThat(stranger.forService("lambda").checkHeaders(r.method(), r.rawPath(), r.rawQuery(), r.headers()))
                .extracting(RequestAuth.Refusal::errorType).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void asTheFacadesHookItAcceptsOnlyRequestsSignedForItsService() {
        SignedRequest r = signedInvoke();

        assertThat(verifier.forService("lambda").check(r.method(), r.rawPath(), r.rawQuery(), r.headers(), JSON)).isNull();
        assertThat(verifier.forService("s3").check(r.method(), r.rawPath(), r.rawQuery(), r.headers(), JSON))
                .extracting(RequestAuth.Refusal::errorType).isEqualTo("InvalidSignatureException");
        byte[] tampered = JSON.clone();
        tampered[0] = ' ';
        assertThat(verifier.forService("lambda").check(r.method(), r.rawPath(), r.rawQuery(), r.headers(), tampered))
                .extracting(RequestAuth.Refusal::errorType).isEqualTo("InvalidSignatureException");
    }

    @Test
    void theWireFormIsWhatTheServerReceives() {
        SignedRequest received = signedInvoke();

        assertThat(received.rawPath()).isEqualTo("/2015-03-31/functions/fn%3Aalias/invocations");
        assertThat(received.rawQuery()).contains("Qualifier=%24LATEST").contains("Marker=a%2Fb");
        assertThat(received.header("authorization").getFirst())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDNIMBUSEXAMPLE/20261125/us-east-1/lambda/aws4_request, ");
    }

    @Test
    void headerNamesMatchInAnyCase() {
        SignedRequest signed = signedInvoke();
        var upper = new HashMap<String, List<String>>();
        signed.headers().forEach((name, values) -> upper.put(name.toUpperCase(Locale.ROOT), values));

        assertThat(verifier.verify(new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), upper,
                signed.payloadSha256()))).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void headersTheSdkDoesNotSignMayChangeOnTheWay() {
        SignedRequest proxied = withHeader(withHeader(signedInvoke(), "User-Agent", "curl/8"), "X-Forwarded-For", "10.0.0.1");

        assertThat(verifier.verify(proxied)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aWrongSecretIsASignatureMismatch() {
        SignedRequest received = received(sign(invoke(), JSON, ACCESS_KEY, "not-the-secret"), JSON);

        assertThat(verifier.verify(received)).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        SignedRequest received = received(sign(invoke(), JSON, "AKIDUNKNOWN", SECRET), JSON);

        assertThat(verifier.verify(received)).isEqualTo(
                refused(AuthError.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid."));
    }

    @Test
    void aSignatureOlderThanTheSkewHasExpired() {
        Verdict verdict = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16))).verify(signedInvoke());

        assertThat(verdict).isEqualTo(refused(AuthError.REQUEST_TIME_TOO_SKEWED,
                "Signature expired: 20261125T120000Z is now earlier than 20261125T120100Z (20261125T121600Z - 15 min.)"));
    }

    @Test
    void aSignatureFromFurtherAheadThanTheSkewIsNotYetCurrent() {
        Verdict verdict = verifierAt(SIGNED_AT.minus(Duration.ofMinutes(16))).verify(signedInvoke());

        assertThat(verdict).isEqualTo(refused(AuthError.REQUEST_TIME_TOO_SKEWED,
                "Signature not yet current: 20261125T120000Z is still later than 20261125T115900Z (20261125T114400Z + 15 min.)"));
    }

    @Test
    void aSignatureExactlyAtTheSkewIsStillAccepted() {
        assertThat(verifierAt(SIGNED_AT.plus(SigV4Verifier.AWS_SKEW)).verify(signedInvoke())).isInstanceOf(Verdict.Accepted.class);
        assertThat(verifierAt(SIGNED_AT.minus(SigV4Verifier.AWS_SKEW)).verify(signedInvoke())).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aBodyChangedByOneByteIsRefused() {
        byte[] tampered = JSON.clone();
        tampered[tampered.length - 2] = '4';
        SignedRequest sent = received(sign(invoke(), JSON, ACCESS_KEY, SECRET), tampered);
        SignedRequest hashAlsoChanged = withHeader(sent, "x-amz-content-sha256", Signing.sha256Hex(tampered));

        assertThat(verifier.verify(sent)).isEqualTo(refused(AuthError.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed."));
        assertThat(verifier.verify(hashAlsoChanged)).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void anUnsignedPayloadIsNeverAccepted() {
        SdkHttpRequest https = invoke().toBuilder().protocol("https").port(443).build();
        SdkHttpRequest signed = sign(https, JSON, ACCESS_KEY, SECRET, false);

        assertThat(signed.firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        assertThat(verifier.verify(received(signed, JSON))).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void aChangedSignedHeaderIsRefused() {
        SignedRequest tampered = withHeader(signedInvoke(), "X-Amz-Invocation-Type", "Event");

        assertThat(verifier.verify(tampered)).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void aRewrittenHostIsRefused() {
        assertThat(verifier.verify(withHeader(signedInvoke(), "Host", "nimbus.internal:9000")))
                .isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void aMissingSignedHeaderIsNamed() {
        SignedRequest signed = signedInvoke();
        var noValues = new HashMap<>(signed.headers());
        noValues.put("amz-sdk-invocation-id", List.of());
        Verdict.Refused absent = refused(AuthError.INVALID_SIGNATURE,
                "The signed header 'amz-sdk-invocation-id' is not in the request.");

        assertThat(verifier.verify(withHeader(signed, "amz-sdk-invocation-id"))).isEqualTo(absent);
        assertThat(verifier.verify(new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), noValues,
                signed.payloadSha256()))).isEqualTo(absent);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/2015-03-31/functions/fn%3Aother/invocations",
        "/2015-03-31/functions/fn:alias/invocations",
        "/2015-03-31/functions/fn%3aalias/invocations",
        "/2015-03-31/functions/fn%3Aalias/invocations/"})
    void aChangedPathIsRefused(String path) {
        SignedRequest signed = signedInvoke();
        var moved = new SignedRequest(signed.method(), path, signed.rawQuery(), signed.headers(), signed.payloadSha256());

        assertThat(verifier.verify(moved)).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Qualifier=%24LATEST&Marker=a%2Fb", "Qualifier=1&Marker=a%2Fb&MaxItems=10", ""})
    void aChangedQueryIsRefused(String query) {
        SignedRequest signed = signedInvoke();
        var changed = new SignedRequest(signed.method(), signed.rawPath(), query, signed.headers(), signed.payloadSha256());

        assertThat(verifier.verify(changed)).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void theQueryMayBeSentInAnyOrderAndEncoding() {
        SignedRequest signed = signedInvoke();
        var reordered = new SignedRequest(signed.method(), signed.rawPath(), "MaxItems=10&Marker=a/b&Qualifier=$LATEST",
                signed.headers(), signed.payloadSha256());

        assertThat(verifier.verify(reordered)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aChangedMethodIsRefused() {
        SignedRequest signed = signedInvoke();
        var put = new SignedRequest("PUT", signed.rawPath(), signed.rawQuery(), signed.headers(), signed.payloadSha256());

        assertThat(verifier.verify(put)).isEqualTo(refused(AuthError.INVALID_SIGNATURE, MISMATCH));
    }

    @Test
    void noAuthorizationIsAMissingToken() {
        assertThat(verifier.verify(withHeader(signedInvoke(), "Authorization")))
                .isEqualTo(refused(AuthError.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
        assertThat(verifier.verify(withHeader(signedInvoke(), "Authorization", " ")))
                .isEqualTo(refused(AuthError.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
    }

    @Test
    void xAmzDateIsRequiredAndMustBeWellFormed() {
        assertThat(verifier.verify(withHeader(signedInvoke(), "X-Amz-Date"))).isEqualTo(refused(
                AuthError.INCOMPLETE_SIGNATURE, "Authorization header requires existence of an 'X-Amz-Date' header."));
        assertThat(verifier.verify(withHeader(signedInvoke(), "X-Amz-Date", "20261125T250000Z"))).isEqualTo(refused(
                AuthError.INCOMPLETE_SIGNATURE,
                "X-Amz-Date must be in ISO-8601 basic format yyyyMMdd'T'HHmmss'Z' (e.g. 20150830T123600Z), was '20261125T250000Z'."));
    }

    @Test
    void theCredentialScopeMustBeForTheDayOfXAmzDate() {
        SignedRequest nextDay = withHeader(signedInvoke(), "X-Amz-Date", "20261126T000500Z");

        assertThat(verifierAt(Instant.parse("2026-11-26T00:05:00Z")).verify(nextDay)).isEqualTo(refused(
                AuthError.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                        + "date from HTTP: '20261125' != '20261126', from 'X-Amz-Date'."));
    }

    @Test
    void repeatedAuthorizationHeadersAreRefused() {
        String authorization = signedInvoke().header("Authorization").getFirst();

        assertThat(verifier.verify(withHeader(signedInvoke(), "Authorization", authorization, authorization)))
                .isEqualTo(refused(AuthError.INCOMPLETE_SIGNATURE, "The request must carry exactly one 'Authorization' header."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-15M", "PT90S", "PT61M", "PT15M0.5S"})
    void theSkewMustBeWholeMinutesUpToAnHour(String skew) {
        assertThatThrownBy(() -> SigV4Verifier.create(Map.of(), InstantSource.system(), Duration.parse(skew)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("skew must be whole minutes between 1 and 60, was ");
    }

    @Test
    void changingAnyOneCharacterOfTheSignedHeadersIsRefused() {
        SignedRequest signed = signedInvoke();
        var random = new Random(20261125);
        for (String name : List.of("Authorization", "X-Amz-Date", "Host", "Content-Type", "amz-sdk-request")) {
            String value = signed.header(name).getFirst();
            for (int i = 0; i < value.length(); i++) {
                char replacement = (char) random.nextInt(0x20, 0x7f);
                if (replacement == value.charAt(i)) {
                    continue;
                }
                String mutated = value.substring(0, i) + replacement + value.substring(i + 1);

                assertThat(verifier.verify(withHeader(signed, name, mutated))).as("%s: %s", name, mutated)
                        .isInstanceOf(Verdict.Refused.class);
            }
        }
    }

    @Test
    void garbageAnywhereNeverThrows() {
        SignedRequest signed = signedInvoke();
        String authorization = signed.header("Authorization").getFirst();
        var random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            String junk = junk(random);
            int at = random.nextInt(authorization.length() + 1);
            SignedRequest mutated = switch (i % 7) {
                case 0 -> withHeader(signed, "Authorization", junk);
                case 1 -> withHeader(signed, "Authorization", authorization.substring(0, at) + junk + authorization.substring(at));
                case 2 -> withHeader(signed, "X-Amz-Date", junk);
                case 3 -> withHeader(signed, "x-amz-content-sha256", junk);
                case 4 -> new SignedRequest(junk, signed.rawPath(), signed.rawQuery(), signed.headers(), signed.payloadSha256());
                case 5 -> new SignedRequest(signed.method(), junk, signed.rawQuery(), signed.headers(), signed.payloadSha256());
                default -> new SignedRequest(signed.method(), signed.rawPath(), junk, signed.headers(), signed.payloadSha256());
            };

            assertThatCode(() -> verifier.verify(mutated)).as("%s", mutated).doesNotThrowAnyException();
        }
    }

    /** 1 to 200 characters (sometimes 5,000) from SigV4's delimiters, whitespace, controls, non-ASCII and a lone surrogate. */
    static String junk(Random random) {
        String alphabet = "%/.,=;: \t\r\nAWS4-HMAC-SHA256Credential=SignedHeaders=Signature=aws4_request0123456789abcdef"
                + "+&?#~\u0000\u007f\u00e9\u2603\ud83d";
        int length = random.nextInt(10) == 0 ? 5_000 : random.nextInt(1, 201);
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static Verdict.Refused refused(AuthError error, String message) {
        return new Verdict.Refused(error, message);
    }
}
