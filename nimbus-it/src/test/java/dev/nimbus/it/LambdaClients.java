package dev.nimbus.it;

import java.net.URI;
import java.time.Duration;
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
     * Settings for {@link NimbusProcess#start} that let these clients in, followed by {@code more}.
     * The server does not verify signatures yet; once it does, the setting that gives it this test
     * key pair goes here.
     */
    static String[] serverSettings(String... more) {
        return more;
    }

    /** A client of the server at {@code serverUrl}, e.g. {@code http://127.0.0.1:41234}. */
    static LambdaClient create(String serverUrl) {
        return LambdaClient.builder()
                .endpointOverride(URI.create(serverUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .build();
    }
}
