package dev.nimbus.it;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS SDK's {@link LambdaClient} pointed at a Nimbus server under test, signing every request
 * with SigV4 as it does against AWS, and the server settings that make a server accept it.
 */
final class LambdaClients {
    /** The test servers' admin API key as AWS credentials: its id and its secret. */
    static final String ACCESS_KEY_ID = NimbusProcess.ADMIN_KEY_ID;
    static final String SECRET_ACCESS_KEY = NimbusProcess.ADMIN_SECRET;
    /** A static SigV4 pair of {@code auth.access-keys}, which acts as an admin key. */
    static final String STATIC_KEY_ID = "AKIDNIMBUSSTATIC";
    static final String STATIC_SECRET = "nimbus-static-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LambdaClients() {
    }

    /**
     * Settings for {@link NimbusProcess#start} with two static SigV4 pairs beside the admin API key
     * (SigV4 is checked whenever authentication is on, the default), followed by {@code more}.
     */
    static String[] serverSettings(String... more) {
        var settings = new java.util.ArrayList<>(List.of(
                "auth.access-keys=" + STATIC_KEY_ID + ":" + STATIC_SECRET + ",AKIDOTHER:other-secret"));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }

    /** A client of the server at {@code serverUrl}, e.g. {@code http://127.0.0.1:41234}. */
    static LambdaClient create(String serverUrl) {
        return create(serverUrl, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** A client signing with other credentials, e.g. a wrong secret. */
    static LambdaClient create(String serverUrl, String accessKeyId, String secretAccessKey) {
        return LambdaClient.builder()
                .endpointOverride(URI.create(serverUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** A POST to {@code path} signed as the SDK signs, with the signing clock at {@code at}. */
    static SdkHttpRequest signedPost(String serverUrl, String path, byte[] body, Instant at) {
        return signedPost(serverUrl, path, body, at, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** As above, signed with other credentials. */
    static SdkHttpRequest signedPost(String serverUrl, String path, byte[] body, Instant at, String accessKeyId,
                                     String secretAccessKey) {
        URI base = URI.create(serverUrl);
        var request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http").host(base.getHost())
                .port(base.getPort()).encodedPath(path).putHeader("Content-Type", "application/json").build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKeyId, secretAccessKey))
                .request(request)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    /** Sends a signed request with {@code body} (which may differ from what was signed). */
    static HttpResponse<String> send(SdkHttpRequest signed, byte[] body) throws Exception {
        var builder = HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Set<String> restricted = Set.of("host", "content-length");
        signed.headers().forEach((name, values) -> {
            if (!restricted.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
