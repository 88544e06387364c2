package dev.nimbus.core.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signer, configured as {@code LambdaClient}
 * configures it (service {@code lambda}, double URL encoding, path normalization, signed payload),
 * and shows them as Nimbus's HTTP server receives them.
 */
final class SdkSigning {
    static final String ACCESS_KEY = "AKIDNIMBUSEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String REGION = "us-east-1";
    static final Instant SIGNED_AT = Instant.parse("2026-11-25T12:00:00Z");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkSigning() {
    }

    /** A request to the Nimbus endpoint, as the Lambda client's marshaller builds it: path already encoded. */
    static SdkHttpRequest.Builder request(SdkHttpMethod method, String encodedPath) {
        return SdkHttpRequest.builder().method(method).uri(URI.create("http://localhost:9000")).encodedPath(encodedPath)
                .putHeader("amz-sdk-invocation-id", "5f1e3c1a-8d2b-4a57-9d6e-2b1f0c7e9a31")
                .putHeader("amz-sdk-request", "attempt=1; max=4");
    }

    static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String accessKey, String secret) {
        return sign(request, body, accessKey, secret, true);
    }

    static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String accessKey, String secret, boolean signPayload) {
        return SIGNER.sign(r -> {
            r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                    .request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
            if (body.length > 0) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
        }).request();
    }

    /** The signed request as the server sees it: the raw path and query of the URI the SDK's HTTP client sends. */
    static SignedRequest received(SdkHttpRequest signed, byte[] body) {
        URI uri = signed.getUri();
        return SignedRequest.of(signed.method().name(), uri.getRawPath(), uri.getRawQuery(), signed.headers(), body);
    }

    /** {@code received} with header {@code name} replaced by {@code values} (removed when there are none). */
    static SignedRequest withHeader(SignedRequest request, String name, String... values) {
        var headers = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        if (values.length == 0) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(values));
        }
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.payloadSha256());
    }
}
