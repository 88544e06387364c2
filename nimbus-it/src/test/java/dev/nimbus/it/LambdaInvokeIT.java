package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The Lambda Invoke API driven by the AWS SDK for Java v2 {@link LambdaClient}: every invocation
 * type, qualifiers, Tail logs, client context, weighted aliases and the typed errors.
 */
class LambdaInvokeIT {
    static final String APP = """
            import json, os, time
            def handler(event, context):
                if "print" in event:
                    print(event["print"])
                if "fail" in event:
                    raise ValueError(event["fail"])
                if "sleep" in event:
                    time.sleep(event["sleep"])
                if "big" in event:
                    return "x" * event["big"]
                if "touch" in event:
                    with open(event["touch"], "w") as f:
                        f.write(context.aws_request_id)
                cc = context.client_context
                return {"event": event, "requestId": context.aws_request_id, "arn": context.invoked_function_arn,
                        "version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
                        "custom": cc.custom if cc is not None else None}
            """;

    @TempDir
    static Path data;
    @TempDir
    static Path effects;
    static NimbusProcess server;
    static Api api;
    static LambdaClient lambda;
    static LambdaClient noRetries;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, LambdaClients.serverSettings("events.workers=1",
                "sandbox.writable-paths=" + effects));
        api = new Api(server.url());
        lambda = LambdaClients.create(server.url());
        noRetries = LambdaClient.builder().endpointOverride(URI.create(server.url())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LambdaClients.ACCESS_KEY_ID, LambdaClients.SECRET_ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        deploy("inv", "app.handler", "environment", Map.of("GEN", "a"));
        publish("inv", "1");
        deploy("inv", "app.handler", "environment", Map.of("GEN", "b"));
        publish("inv", "2");
        alias("inv", "stable", Map.of("version", "1"));
        alias("inv", "live", Map.of("version", "1", "additionalVersion", "2", "additionalWeight", 0.3));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        noRetries.close();
        server.close();
    }

    static void deploy(String name, String handler, Object... config) {
        var response = api.deploy(name, Zips.of(Map.of("app.py", APP)), Api.config("python3", handler, config));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    static void publish(String name, String expectedVersion) {
        var response = api.post("/api/v1/functions/" + name + "/versions", "{}", "Content-Type", "application/json");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("version").asText()).isEqualTo(expectedVersion);
    }

    static void alias(String name, String alias, Map<String, Object> body) {
        var response = api.putJson("/api/v1/functions/" + name + "/aliases/" + alias, body);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    static InvokeResponse invoke(String function, String qualifier, String payload) {
        return lambda.invoke(InvokeRequest.builder().functionName(function).qualifier(qualifier)
                .payload(SdkBytes.fromUtf8String(payload)).build());
    }

    static JsonNode json(InvokeResponse response) {
        try {
            return Api.JSON.readTree(response.payload().asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void requestResponseAnswersThePayloadWithTheExecutedVersion() {
        InvokeResponse response = invoke("inv", null, "{\"k\":\"v\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.functionError()).isNull();
        JsonNode body = json(response);
        assertThat(body.get("event").get("k").asText()).isEqualTo("v");
        assertThat(body.get("requestId").asText()).isEqualTo(response.responseMetadata().requestId());
        assertThat(body.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:inv");
    }

    @Test
    void everyFormOfQualifierReachesItsVersion() {
        assertThat(invoke("inv", "1", "{}").executedVersion()).isEqualTo("1");
        assertThat(invoke("inv", "$LATEST", "{}").executedVersion()).isEqualTo("$LATEST");
        assertThat(invoke("inv:2", null, "{}").executedVersion()).isEqualTo("2");
        assertThat(invoke("inv:2", "2", "{}").executedVersion()).isEqualTo("2");
        InvokeResponse viaAlias = invoke("inv", "stable", "{}");
        assertThat(viaAlias.executedVersion()).isEqualTo("1");
        assertThat(json(viaAlias).get("version").asText()).isEqualTo("1");
        assertThat(json(viaAlias).get("arn").asText()).endsWith(":function:inv:stable");
        InvokeResponse viaArn = invoke("arn:aws:lambda:us-east-1:000000000000:function:inv:stable", null, "{}");
        assertThat(viaArn.executedVersion()).isEqualTo("1");
        assertThat(invoke("000000000000:function:inv:1", null, "{}").executedVersion()).isEqualTo("1");
    }

    @Test
    void anUnsignedInvokeIsRefusedBeforeAnythingRuns() {
        Path effect = effects.resolve("unsigned");
        var response = new Api(server.url(), null).post("/2015-03-31/functions/inv/invocations",
                "{\"touch\":\"" + effect + "\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        assertThat(effect).doesNotExist();
    }

    @Test
    void dryRunIs204AndRunsNothing() {
        var response = lambda.invoke(InvokeRequest.builder().functionName("inv").invocationType(InvocationType.DRY_RUN)
                .payload(SdkBytes.fromUtf8String("{\"touch\":\"" + effects.resolve("dry-run") + "\"}")).build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(effects.resolve("dry-run")).doesNotExist();
    }

    @Test
    void anEventIsAcceptedWith202AndRunsWithTheRequestIdItWasGiven() {
        Path effect = effects.resolve("event-ran");
        var response = lambda.invoke(InvokeRequest.builder().functionName("inv").qualifier("2")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"touch\":\"" + effect + "\"}")).build());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.executedVersion()).isNull();
        assertThat(response.payload().asByteArray()).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(effect) && Files.size(effect) > 0);
        assertThat(effect).hasContent(response.responseMetadata().requestId());
    }

    @Test
    void eventsBeyondTheWorkersAreAllAcceptedDurablyAndEveryOneRuns() {
        var accepted = new ArrayList<Path>();
        for (int i = 0; i < 10; i++) {
            Path effect = effects.resolve("queued-" + i);
            var response = noRetries.invoke(InvokeRequest.builder().functionName("inv").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"sleep\":0.2,\"touch\":\"" + effect + "\"}")).build());
            assertThat(response.statusCode()).as("committed, not refused: one worker, nine waiting").isEqualTo(202);
            accepted.add(effect);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.stream().allMatch(Files::exists));
    }

    @Test
    void anEventPayloadOver1MbIs413WithAwssMessage() {
        String payload = "\"" + "x".repeat(1024 * 1024 - 1) + "\""; // 1,048,577 bytes of JSON
        var error = catchThrowableOfType(LambdaException.class, () -> lambda.invoke(InvokeRequest.builder()
                .functionName("inv").invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload)).build()));

        assertThat(error.statusCode()).isEqualTo(413);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)");
    }

    @Test
    void aSynchronousPayloadOver6MbIs413() {
        String payload = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
        var error = catchThrowableOfType(LambdaException.class, () -> invoke("inv", null, payload));

        assertThat(error.statusCode()).isEqualTo(413);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
        assertThat(error.awsErrorDetails().errorMessage()).contains("6291456");
    }

    /** Each invocation prints right before it answers: the tail must hold that line every time. */
    @Test
    void tailReturnsTheLast4KbOfTheInvocationsLogWithItsOwnOutput() {
        for (int i = 0; i < 20; i++) {
            String marker = "tail-line-" + i;
            var response = lambda.invoke(InvokeRequest.builder().functionName("inv").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"print\":\"" + marker + "\"}")).build());

            String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
            String id = response.responseMetadata().requestId();
            assertThat(log).contains("START RequestId: " + id + " Version: $LATEST", marker + "\n",
                    "END RequestId: " + id, "REPORT RequestId: " + id);
            assertThat(log.indexOf("START")).isLessThan(log.indexOf(marker));
            assertThat(log.indexOf(marker)).isLessThan(log.indexOf("END RequestId"));
            assertThat(log.indexOf("END RequestId")).isLessThan(log.indexOf("REPORT RequestId"));
        }
    }

    @Test
    void aLongLogIsCutToItsLast4Kb() {
        var response = lambda.invoke(InvokeRequest.builder().functionName("inv").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"print\":\"" + "y".repeat(6000) + "\"}")).build());

        byte[] log = Base64.getDecoder().decode(response.logResult());
        assertThat(log).hasSize(4096);
        assertThat(new String(log, StandardCharsets.UTF_8)).startsWith("yyy").contains("REPORT RequestId");
        assertThat(invoke("inv", null, "{}").logResult()).isNull();
    }

    @Test
    void theClientContextReachesTheFunction() {
        String context = Base64.getEncoder().encodeToString(
                "{\"custom\":{\"tenant\":\"acme\"},\"env\":{},\"client\":{}}".getBytes(StandardCharsets.UTF_8));
        var response = lambda.invoke(InvokeRequest.builder().functionName("inv").clientContext(context)
                .payload(SdkBytes.fromUtf8String("{}")).build());

        assertThat(json(response).get("custom").get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void aFunctionErrorIs200WithXAmzFunctionErrorAndTheErrorDocument() {
        InvokeResponse response = invoke("inv", "1", "{\"fail\":\"boom\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.executedVersion()).isEqualTo("1");
        JsonNode error = json(response);
        assertThat(error.get("errorType").asText()).isEqualTo("ValueError");
        assertThat(error.get("errorMessage").asText()).isEqualTo("boom");
    }

    /** A JSON string of n characters is n + 2 bytes: the limit is 6,291,556 bytes of response. */
    @Test
    void aResponseOver6MbIsTheFunctionErrorResponseSizeTooLarge() {
        InvokeResponse atLimit = invoke("inv", null, "{\"big\":" + (6291556 - 2) + "}");
        assertThat(atLimit.functionError()).isNull();
        assertThat(atLimit.payload().asByteArray()).hasSize(6291556);

        InvokeResponse over = invoke("inv", null, "{\"big\":" + (6291556 - 1) + "}");
        assertThat(over.statusCode()).isEqualTo(200);
        assertThat(over.functionError()).isEqualTo("Unhandled");
        assertThat(json(over).get("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(json(over).get("errorMessage").asText())
                .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    }

    @Test
    void unknownFunctionsVersionsAndAliasesAreResourceNotFound() {
        assertThatThrownBy(() -> invoke("nope", null, "{}")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST");
        assertThatThrownBy(() -> invoke("inv", "99", "{}")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:inv:99");
        assertThatThrownBy(() -> invoke("inv:nosuch", null, "{}")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:inv:nosuch");
    }

    @Test
    void aQualifierThatContradictsTheNameIsInvalidParameterValue() {
        assertThatThrownBy(() -> invoke("inv:1", "2", "{}")).isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void aBodyThatIsNotJsonIsInvalidRequestContent() {
        assertThatThrownBy(() -> invoke("inv", null, "not json")).isInstanceOf(InvalidRequestContentException.class)
                .hasMessageStartingWith("Could not parse request body into json");
    }

    @Test
    void aFunctionWithNoReservedConcurrencyIsThrottled() {
        deploy("throttled", "app.handler");
        var reserve = api.putJson("/api/v1/functions/throttled/concurrency", Map.of("reservedConcurrency", 0));
        assertThat(reserve.status()).as(reserve.body()).isEqualTo(200);

        var error = catchThrowableOfType(TooManyRequestsException.class, () -> noRetries.invoke(
                InvokeRequest.builder().functionName("throttled").payload(SdkBytes.fromUtf8String("{}")).build()));

        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(error.retryAfterSeconds()).isEqualTo("1");
    }

    /**
     * 3,000 invocations of an alias sending 30 % to version 2: the share is binomial with a
     * standard deviation of sqrt(0.3 × 0.7 / 3000) = 0.84 percentage points, so ±3 points is 3.6
     * deviations: a correct split fails this about once in 3,000 runs.
     */
    @Test
    void aWeightedAliasSplitsTrafficByItsWeight() throws Exception {
        int total = 3000;
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Callable<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                calls.add(() -> lambda.invoke(InvokeRequest.builder().functionName("inv").qualifier("live")
                        .payload(SdkBytes.fromUtf8String("{}")).build()));
            }
            int toVersion2 = 0;
            for (Future<InvokeResponse> f : pool.invokeAll(calls)) {
                InvokeResponse response = f.get();
                assertThat(response.functionError()).isNull();
                String reported = json(response).get("version").asText();
                assertThat(reported).as("the version the function itself reports").isEqualTo(response.executedVersion());
                if (response.executedVersion().equals("2")) {
                    toVersion2++;
                }
            }
            assertThat(toVersion2 / (double) total).isBetween(0.27, 0.33);
        }
    }
}
