package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * SigV4 on the Lambda API of a server with authentication on (the default): the SDK's requests
 * signed with an API key's id and secret, or with a static pair of {@code auth.access-keys}, pass;
 * a wrong secret, an unknown key, a stale date, a tampered body and an unsigned request are
 * refused with 403 and AWS's error types, on the management and the invoke routes.
 */
class LambdaAuthIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static NimbusProcess server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, LambdaClients.serverSettings());
        lambda = LambdaClients.create(server.url());
        lambda.createFunction(b -> b.functionName("guarded").runtime(Runtime.PYTHON3_12).handler("app.handler")
                .role("arn:aws:iam::000000000000:role/x")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("app.py",
                        "def handler(event, context):\n    return {'ok': event}\n"))))));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        server.close();
    }

    @Test
    void theStartupLogSaysSignaturesAreChecked() {
        assertThat(server.output()).contains("authentication is on").contains("AWS Signature Version 4");
    }

    @Test
    void aStaticAccessKeyStillSignsAsAnAdmin() {
        try (var fixed = LambdaClients.create(server.url(), LambdaClients.STATIC_KEY_ID, LambdaClients.STATIC_SECRET)) {
            assertThat(fixed.getFunction(b -> b.functionName("guarded")).configuration().functionName())
                    .isEqualTo("guarded");
        }
    }

    @Test
    void requestsSignedWithAKnownKeyAreServed() {
        var response = lambda.invoke(b -> b.functionName("guarded").payload(SdkBytes.fromUtf8String("{\"n\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"ok\": {\"n\": 1}}");
        assertThat(lambda.getFunction(b -> b.functionName("guarded")).configuration().functionName()).isEqualTo("guarded");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (var wrong = LambdaClients.create(server.url(), LambdaClients.ACCESS_KEY_ID, "not-the-secret")) {
            assertRefused(() -> wrong.listFunctions(), "InvalidSignatureException");
            assertRefused(() -> wrong.invoke(b -> b.functionName("guarded")), "InvalidSignatureException");
        }
    }

    @Test
    void anUnknownKeyIsAnUnrecognizedClient() {
        try (var stranger = LambdaClients.create(server.url(), "AKIDSTRANGER", "whatever")) {
            assertRefused(() -> stranger.getFunction(b -> b.functionName("guarded")), "UnrecognizedClientException");
        }
    }

    @Test
    void unsignedRequestsAreRefusedOnEveryLambdaRoute() throws Exception {
        for (var request : new HttpRequest[] {
                HttpRequest.newBuilder(URI.create(server.url() + "/2015-03-31/functions/")).GET().build(),
                HttpRequest.newBuilder(URI.create(server.url() + "/2015-03-31/functions/guarded/invocations"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpRequest.newBuilder(URI.create(server.url() + "/2017-10-31/functions/guarded/concurrency"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"ReservedConcurrentExecutions\":0}")).build()}) {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(request.uri().getPath()).isEqualTo(403);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        }
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("guarded")).reservedConcurrentExecutions())
                .as("the refused PUT changed nothing").isNull();
    }

    @Test
    void aSignatureOlderThanFifteenMinutesHasExpired() throws Exception {
        byte[] body = "{\"n\":2}".getBytes(StandardCharsets.UTF_8);
        var signed = sign("/2015-03-31/functions/guarded/invocations", body, Instant.now().minus(Duration.ofMinutes(16)));

        var response = send(signed, body);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(response.body()).contains("Signature expired");
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedAndAFreshSignatureIsNot() throws Exception {
        byte[] body = "{\"amount\":10}".getBytes(StandardCharsets.UTF_8);
        var signed = sign("/2015-03-31/functions/guarded/invocations", body, Instant.now());

        var tampered = send(signed, "{\"amount\":99}".getBytes(StandardCharsets.UTF_8));
        var genuine = send(signed, body);

        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.body()).isEqualTo("{\"ok\": {\"amount\": 10}}");
    }

    private static void assertRefused(Runnable call, String errorType) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType);
        });
    }

    private static SdkHttpRequest sign(String path, byte[] body, Instant at) {
        return LambdaClients.signedPost(server.url(), path, body, at);
    }

    private static HttpResponse<String> send(SdkHttpRequest signed, byte[] body) throws Exception {
        return LambdaClients.send(signed, body);
    }
}
