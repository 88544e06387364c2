package dev.nimbus.it;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS SDK's {@link LambdaClient} pointed at a Nimbus server under test, signing every request
 * with SigV4 as it does against AWS, and the server settings that make a server accept it.
 */
final class LambdaClients {
    static final String ACCESS_KEY_ID = "AKIDNIMBUSTEST";
    static final String SECRET_ACCESS_KEY = "nimbus-test-secret";

    private LambdaClients() {
    }

    /**
     * Settings for {@link NimbusProcess#start} that turn SigV4 verification on with this test key
     * pair (and a second key, to tell a wrong secret from an unknown key), followed by {@code more}.
     */
    static String[] serverSettings(String... more) {
        var settings = new java.util.ArrayList<>(List.of("auth.lambda=sigv4",
                "auth.access-keys=" + ACCESS_KEY_ID + ":" + SECRET_ACCESS_KEY + ",AKIDOTHER:other-secret"));
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
}
