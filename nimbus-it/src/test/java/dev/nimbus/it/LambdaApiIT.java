package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** The Lambda management API driven only through the AWS SDK for Java v2, as a Lambda user would. */
class LambdaApiIT {
    static final String ROLE = "arn:aws:iam::000000000000:role/x";
    static final String APP = """
            import os
            def handler(event, context):
                return {"greeting": os.environ.get("GREETING", "none"), "code": "%s"}
            """;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, LambdaClients.serverSettings());
        lambda = LambdaClients.create(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        server.close();
    }

    static byte[] zip(String codeVersion) {
        return Zips.of(Map.of("app.py", APP.formatted(codeVersion)));
    }

    static CreateFunctionResponse create(String name, byte[] zip) {
        return lambda.createFunction(CreateFunctionRequest.builder().functionName(name).runtime(Runtime.PYTHON3_12)
                .role(ROLE).handler("app.handler").code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build())
                .build());
    }

    static String sha256Base64(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void functionLifecycleWithWaitersVersionsAndRevisionIds() throws Exception {
        byte[] v1 = zip("v1");
        CreateFunctionResponse created = create("life", v1);
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:life");

        GetFunctionResponse active = lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("life"))
                .matched().response().orElseThrow();
        FunctionConfiguration c = active.configuration();
        assertThat(c.state()).isEqualTo(State.ACTIVE);
        assertThat(c.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(c.codeSha256()).isEqualTo(sha256Base64(v1));
        assertThat(c.codeSize()).isEqualTo(v1.length);
        assertThat(c.runtime()).isEqualTo(Runtime.PYTHON3_12);
        assertThat(c.handler()).isEqualTo("app.handler");
        assertThat(c.role()).isEqualTo(ROLE);
        assertThat(c.timeout()).isEqualTo(3);
        assertThat(c.memorySize()).isEqualTo(128);
        assertThat(c.version()).isEqualTo("$LATEST");
        assertThat(c.description()).isEmpty();
        assertThat(c.packageTypeAsString()).isEqualTo("Zip");
        assertThat(c.ephemeralStorage().size()).isEqualTo(512);
        assertThat(c.tracingConfig().modeAsString()).isEqualTo("PassThrough");
        assertThat(c.loggingConfig().logGroup()).isEqualTo("/aws/lambda/life");
        assertThat(c.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(active.code().repositoryType()).isEqualTo("S3");
        assertThat(download(active.code().location())).isEqualTo(v1);
        assertThat(active.concurrency()).isNull();
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName(c.functionArn())).revisionId())
                .isEqualTo(c.revisionId());

        byte[] v2 = zip("v2");
        lambda.updateFunctionCode(r -> r.functionName("life").zipFile(SdkBytes.fromByteArray(v2)));
        FunctionConfiguration updated = lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("life"))
                .matched().response().orElseThrow().configuration();
        assertThat(updated.codeSha256()).isEqualTo(sha256Base64(v2));
        assertThat(updated.revisionId()).isNotEqualTo(c.revisionId());

        var configured = lambda.updateFunctionConfiguration(r -> r.functionName("life").timeout(30)
                .memorySize(256).environment(e -> e.variables(Map.of("GREETING", "hello"))).revisionId(updated.revisionId()));
        assertThat(configured.timeout()).isEqualTo(30);
        assertThat(configured.memorySize()).isEqualTo(256);
        assertThat(configured.environment().variables()).containsEntry("GREETING", "hello");
        assertThat(configured.codeSha256()).isEqualTo(sha256Base64(v2));
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("life").timeout(5)
                .revisionId(updated.revisionId()))).isInstanceOf(PreconditionFailedException.class);
        String answer = lambda.invoke(r -> r.functionName("life").payload(SdkBytes.fromUtf8String("{}")))
                .payload().asUtf8String();
        assertThat(answer).contains("\"greeting\": \"hello\"").contains("\"code\": \"v2\"");

        var one = lambda.publishVersion(r -> r.functionName("life").description("first"));
        assertThat(one.version()).isEqualTo("1");
        assertThat(one.functionArn()).endsWith(":function:life:1");
        assertThat(lambda.publishVersion(r -> r.functionName("life")).version()).isEqualTo("1");
        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("life").codeSha256(sha256Base64(v1))))
                .isInstanceOf(PreconditionFailedException.class);
        var v3 = lambda.updateFunctionCode(r -> r.functionName("life").zipFile(SdkBytes.fromByteArray(zip("v3"))));
        assertThat(v3.lastUpdateStatusAsString()).as("the update to v3: %s", v3.lastUpdateStatusReason())
                .isEqualTo("Successful");
        var two = lambda.publishVersion(r -> r.functionName("life").codeSha256(sha256Base64(zip("v3"))));
        assertThat(two.version()).isEqualTo("2");
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName("life").qualifier("2"));

        assertThat(lambda.listVersionsByFunction(r -> r.functionName("life")).versions())
                .extracting(FunctionConfiguration::version, FunctionConfiguration::functionArn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$LATEST", c.functionArn() + ":$LATEST"),
                        org.assertj.core.groups.Tuple.tuple("1", c.functionArn() + ":1"),
                        org.assertj.core.groups.Tuple.tuple("2", c.functionArn() + ":2"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("life").qualifier("1")).timeout()).isEqualTo(30);

        lambda.deleteFunction(r -> r.functionName("life").qualifier("1"));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("life").qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.deleteFunction(r -> r.functionName("life"));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("life")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:life");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void aliasesShiftTrafficBetweenTwoVersions() {
        create("weights", zip("a"));
        lambda.publishVersion(r -> r.functionName("weights"));
        lambda.updateFunctionCode(r -> r.functionName("weights").zipFile(SdkBytes.fromByteArray(zip("b"))));
        lambda.publishVersion(r -> r.functionName("weights"));

        var created = lambda.createAlias(r -> r.functionName("weights").name("live").functionVersion("1")
                .description("canary").routingConfig(AliasRoutingConfiguration.builder()
                        .additionalVersionWeights(Map.of("2", 0.1)).build()));
        assertThat(created.aliasArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:weights:live");
        assertThat(created.routingConfig().additionalVersionWeights()).isEqualTo(Map.of("2", 0.1));

        var shifted = lambda.updateAlias(r -> r.functionName("weights").name("live").routingConfig(
                AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of("2", 0.9)).build()));
        assertThat(shifted.functionVersion()).isEqualTo("1");
        assertThat(shifted.description()).isEqualTo("canary");
        assertThat(shifted.routingConfig().additionalVersionWeights()).isEqualTo(Map.of("2", 0.9));
        assertThat(lambda.getAlias(r -> r.functionName("weights").name("live")).revisionId())
                .isEqualTo(shifted.revisionId());
        lambda.createAlias(r -> r.functionName("weights").name("stable").functionVersion("1"));
        assertThat(lambda.listAliases(r -> r.functionName("weights")).aliases())
                .extracting(AliasConfiguration::name).containsExactly("live", "stable");
        assertThat(lambda.listAliases(r -> r.functionName("weights").functionVersion("2")).aliases()).isEmpty();

        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("weights").qualifier("2")))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("weights").name("live").functionVersion("1")))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("weights").name("live").routingConfig(
                AliasRoutingConfiguration.builder().additionalVersionWeights(Map.of("2", 0.1, "1", 0.1)).build())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Number of items in AdditionalVersionWeights cannot be greater than 1");

        lambda.deleteAlias(r -> r.functionName("weights").name("live"));
        assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("weights").name("live")))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.deleteFunction(r -> r.functionName("weights").qualifier("2"));
    }

    @Test
    void listFunctionsPaginatesThroughEveryFunctionOnce() {
        byte[] code = zip("many");
        for (int i = 0; i < 60; i++) {
            create("page-%02d".formatted(i), code);
        }

        List<ListFunctionsResponse> pages = lambda.listFunctionsPaginator(r -> r.maxItems(7)).stream().toList();

        List<String> names = new ArrayList<>();
        for (ListFunctionsResponse page : pages) {
            assertThat(page.functions()).hasSizeLessThanOrEqualTo(7);
            page.functions().forEach(f -> names.add(f.functionName()));
            page.functions().forEach(f -> assertThat(f.state()).isNull());
        }
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names.stream().filter(n -> n.startsWith("page-"))).hasSize(60);
        assertThat(pages.size()).isGreaterThanOrEqualTo(9);
        assertThat(lambda.listFunctions().functions()).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void reservedConcurrencyCanBeSetReadAndRemoved() {
        create("reserved", zip("r"));

        assertThat(lambda.putFunctionConcurrency(r -> r.functionName("reserved").reservedConcurrentExecutions(5))
                .reservedConcurrentExecutions()).isEqualTo(5);
        assertThat(lambda.getFunctionConcurrency(r -> r.functionName("reserved")).reservedConcurrentExecutions())
                .isEqualTo(5);
        assertThat(lambda.getFunction(r -> r.functionName("reserved")).concurrency().reservedConcurrentExecutions())
                .isEqualTo(5);
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName("reserved:1")
                .reservedConcurrentExecutions(5))).isInstanceOf(InvalidParameterValueException.class);

        lambda.deleteFunctionConcurrency(r -> r.functionName("reserved"));

        assertThat(lambda.getFunctionConcurrency(r -> r.functionName("reserved")).reservedConcurrentExecutions()).isNull();
    }

    @Test
    void functionUrlConfigsCanBeCreatedReadUpdatedListedAndDeleted() {
        create("urls", zip("u"));

        var created = lambda.createFunctionUrlConfig(r -> r.functionName("urls").authType(FunctionUrlAuthType.NONE)
                .cors(Cors.builder().allowOrigins("https://example.com").allowMethods("GET").maxAge(60).build()));
        assertThat(created.functionUrl()).startsWith(server.url() + "/url/").endsWith("/");
        assertThat(created.cors().allowOrigins()).containsExactly("https://example.com");
        assertThatThrownBy(() -> lambda.createFunctionUrlConfig(r -> r.functionName("urls")
                .authType(FunctionUrlAuthType.NONE))).isInstanceOf(ResourceConflictException.class);

        var got = lambda.getFunctionUrlConfig(r -> r.functionName("urls"));
        assertThat(got.functionUrl()).isEqualTo(created.functionUrl());
        assertThat(got.cors().maxAge()).isEqualTo(60);
        assertThat(got.lastModifiedTime()).isNotBlank();
        var updated = lambda.updateFunctionUrlConfig(r -> r.functionName("urls").authType(FunctionUrlAuthType.AWS_IAM));
        assertThat(updated.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(updated.cors().allowMethods()).containsExactly("GET");
        assertThat(lambda.listFunctionUrlConfigs(r -> r.functionName("urls")).functionUrlConfigs())
                .extracting(u -> u.functionUrl()).containsExactly(created.functionUrl());

        lambda.deleteFunctionUrlConfig(r -> r.functionName("urls"));

        assertThatThrownBy(() -> lambda.getFunctionUrlConfig(r -> r.functionName("urls")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void serviceErrorsArriveAsTheSdksTypedExceptions() {
        create("twice", zip("t"));

        assertThatThrownBy(() -> create("twice", zip("t"))).isInstanceOfSatisfying(ResourceConflictException.class,
                e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("cobol").runtime("cobol85").role(ROLE)
                .handler("app.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(zip("c"))))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> create("corrupt", "this is not a zip".getBytes()))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Could not unzip uploaded file");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("twice").memorySize(64)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("twice").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void eventInvokeConfigsSetRetriesAgeAndDestinationsThroughTheSdk() throws Exception {
        create("eic-source", zip("s"));
        create("eic-target", zip("t"));
        String target = lambda.getFunction(r -> r.functionName("eic-target")).configuration().functionArn();
        var api = new Api(server.url());
        api.putJson("/api/v1/topics/eic-dlq", Map.of());
        assertThat(api.putJson("/api/v1/functions/eic-source/delivery", Map.of("deadLetter", "topic:eic-dlq")).status())
                .isEqualTo(201);
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("eic-source")))
                .as("a dead-letter topic alone is no event invoke configuration")
                .isInstanceOf(ResourceNotFoundException.class);

        var put = lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-source").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(target))));
        var updated = lambda.updateFunctionEventInvokeConfig(r -> r.functionName("eic-source")
                .maximumEventAgeInSeconds(120));
        var got = lambda.getFunctionEventInvokeConfig(r -> r.functionName("eic-source"));
        var listed = lambda.listFunctionEventInvokeConfigs(r -> r.functionName("eic-source"));

        assertThat(put.functionArn()).endsWith(":function:eic-source:$LATEST");
        assertThat(put.maximumRetryAttempts()).isZero();
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(target);
        assertThat(put.destinationConfig().onSuccess().destination()).isNull();
        assertThat(updated.maximumRetryAttempts()).as("kept by an update").isZero();
        assertThat(got.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(listed.functionEventInvokeConfigs()).hasSize(1);
        JsonNode stored = api.get("/api/v1/functions/eic-source/delivery").json();
        assertThat(stored.get("onFailure").asText()).as("the same configuration as the native API's")
                .isEqualTo("function:eic-target");
        assertThat(stored.get("deadLetter").asText()).as("kept by a Put").isEqualTo("topic:eic-dlq");

        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-source")
                .destinationConfig(d -> d.onSuccess(f -> f.destination(
                        lambda.getFunction(g -> g.functionName("eic-source")).configuration().functionArn())))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("destination for itself");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-source")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-source")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:000000000000:q")))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("eic-source")
                .maximumRetryAttempts(3)))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("eic-source"));
        assertThat(api.get("/api/v1/functions/eic-source/delivery").json().toString())
                .isEqualTo("{\"deadLetter\":\"topic:eic-dlq\"}");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("eic-source")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("doesn't have an EventInvokeConfig");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("eic-nobody")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    static byte[] download(String location) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location))
                            .header("Authorization", "Bearer " + NimbusProcess.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
            return response.body();
        }
    }
}
