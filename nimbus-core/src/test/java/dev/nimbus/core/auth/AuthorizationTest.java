package dev.nimbus.core.auth;

import static dev.nimbus.core.auth.SdkSigning.SIGNED_AT;
import static dev.nimbus.core.auth.SdkSigning.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed {@code Authorization} headers are refused as incomplete, naming what is wrong, and never throw. */
class AuthorizationTest {
    static final String CREDENTIAL = "AKIDNIMBUSEXAMPLE/20261125/us-east-1/lambda/aws4_request";
    static final String SIGNATURE = "a849b0bc38e9ac9a9649ff8f1c5f3612df1f2e8ee76aabbbca98998964eee491";

    static String header(String credential, String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    static Stream<Arguments> garbage() {
        String manyHeaders = IntStream.range(0, 65).mapToObj(i -> "x-h" + i).collect(Collectors.joining(";")) + ";host";
        return Stream.of(
                Arguments.of("Bearer eyJhbGciOi", "Unsupported AWS 'algorithm': 'Bearer'; only 'AWS4-HMAC-SHA256' is accepted."),
                Arguments.of("AWS4-HMAC-SHA256", "Authorization header requires 'Credential' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter."),
                Arguments.of("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", Signature=",
                        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter."),
                Arguments.of("AWS4-HMAC-SHA256 Credential", "Invalid key=value pair (missing equal-sign) in Authorization header."),
                Arguments.of("AWS4-HMAC-SHA256 =x", "Invalid key=value pair (missing equal-sign) in Authorization header."),
                Arguments.of(header(CREDENTIAL, "host", SIGNATURE) + ", Signature=00",
                        "Authorization header repeats the 'Signature' parameter."),
                Arguments.of(header("AKID/2026-11-25/us-east-1/lambda/aws4_request", "host", SIGNATURE),
                        "Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request."),
                Arguments.of(header("AKID/20261125/lambda/aws4_request", "host", SIGNATURE),
                        "Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request."),
                Arguments.of(header("AKID/20261125//lambda/aws4_request", "host", SIGNATURE),
                        "Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request."),
                Arguments.of(header("AKID/20261125/us-east-1/lambda/aws4_reqest", "host", SIGNATURE),
                        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reqest'."),
                Arguments.of(header(CREDENTIAL, "host;;x-amz-date", SIGNATURE),
                        "SignedHeaders must be a ';'-separated list of header names."),
                Arguments.of(header(CREDENTIAL, "host:evil;x-amz-date", SIGNATURE),
                        "SignedHeaders must be a ';'-separated list of header names."),
                Arguments.of(header(CREDENTIAL, "x-amz-date", SIGNATURE),
                        "'Host' must be a 'SignedHeader' in the AWS Authorization."),
                Arguments.of(header(CREDENTIAL, "Host;x-amz-date", SIGNATURE),
                        "'Host' must be a 'SignedHeader' in the AWS Authorization."),
                Arguments.of(header(CREDENTIAL, manyHeaders, SIGNATURE), "SignedHeaders must name at most 64 headers."),
                Arguments.of(header(CREDENTIAL, "host", "0".repeat(4000)), "Authorization header must be at most 4096 characters long."),
                Arguments.of("\u0007\u00e9".repeat(40) + " Credential=x", "Unsupported AWS 'algorithm': '"
                        + "?".repeat(64) + "...'; only 'AWS4-HMAC-SHA256' is accepted."));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void malformedHeadersAreIncompleteSignatures(String authorization, String message) {
        SignedRequest request = withHeader(SigV4VerifierTest.signedInvoke(), "Authorization", authorization);

        assertThat(SigV4VerifierTest.verifierAt(SIGNED_AT).verify(request))
                .isEqualTo(new Verdict.Refused(AuthError.INCOMPLETE_SIGNATURE, message));
    }
}
