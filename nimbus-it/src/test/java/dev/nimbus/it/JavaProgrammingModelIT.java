package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java programming model through a real server, as a user deploys it: one zip with the
 * handler classes at the root and aws-lambda-java-events, joda-time and aws-lambda-java-core under
 * {@code lib/}; POJO handler signatures, the AWS event classes, the {@code Context} and errors.
 */
class JavaProgrammingModelIT {
    static final String FIXTURES = "dev.nimbus.it.fixtures.";
    static final int TIMEOUT_SECONDS = 5;
    static final String SQS = """
            {"Records": [
              {"messageId": "m-1", "receiptHandle": "AQEB1", "body": "{\\"order\\": 1}",
               "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
                              "SenderId": "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp": "1545082649185"},
               "messageAttributes": {"origin": {"stringValue": "checkout", "stringListValues": [],
                                                "binaryListValues": [], "dataType": "String"}},
               "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3", "eventSource": "aws:sqs",
               "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:orders", "awsRegion": "us-east-2"},
              {"messageId": "m-2", "receiptHandle": "AQEB2", "body": "please fail this one",
               "attributes": {"ApproximateReceiveCount": "3", "SentTimestamp": "1545082650636"},
               "messageAttributes": {}, "md5OfBody": "0", "eventSource": "aws:sqs",
               "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:orders", "awsRegion": "us-east-2"}
            ]}""";
    static final String SCHEDULED = """
            {"version": "0", "id": "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c", "detail-type": "Scheduled Event",
             "source": "aws.events", "account": "123456789012", "time": "2019-03-01T01:23:45Z", "region": "us-east-2",
             "resources": ["arn:aws:events:us-east-2:123456789012:rule/nightly"], "detail": {}}""";
    static final String S3 = """
            {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-2",
              "eventTime": "2019-09-03T19:37:27.192Z", "eventName": "ObjectCreated:Put",
              "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"}, "requestParameters": {"sourceIPAddress": "205.255.255.255"},
              "responseElements": {"x-amz-request-id": "D82B88E5F771F645", "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQ"},
              "s3": {"s3SchemaVersion": "1.0", "configurationId": "cfg",
                     "bucket": {"name": "my-bucket", "ownerIdentity": {"principalId": "A3I5XTEXAMAI3E"},
                                "arn": "arn:aws:s3:::my-bucket"},
                     "object": {"key": "dir/my+file.txt", "size": 1305107, "eTag": "b21b84d653bb07b05b1e6b33684dc11b",
                                "sequencer": "0C0F6F405D6ED209E1"}}}]}""";
    static final String REST = """
            {"resource": "/{proxy+}", "path": "/hello/world", "httpMethod": "POST",
             "headers": {"Content-Type": "application/json"}, "multiValueHeaders": {"Content-Type": ["application/json"]},
             "queryStringParameters": {"a": "2"}, "multiValueQueryStringParameters": {"a": ["1", "2"]},
             "pathParameters": {"proxy": "hello/world"}, "stageVariables": null,
             "requestContext": {"accountId": "123456789012", "apiId": "abc123", "resourceId": "xyz",
               "resourcePath": "/{proxy+}", "httpMethod": "POST", "path": "/prod/hello/world", "stage": "prod",
               "protocol": "HTTP/1.1", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
               "requestTime": "09/Apr/2015:12:34:56 +0000", "requestTimeEpoch": 1428582896000,
               "identity": {"sourceIp": "1.2.3.4", "userAgent": "curl/8", "accountId": null, "caller": null}},
             "body": "{\\"k\\":\\"v\\"}", "isBase64Encoded": false}""";

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void deployOnce() throws IOException {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
        byte[] zip = functionZip();
        deploy(zip, "pojo-keys", "JavaPojos::keys");
        deploy(zip, "pojo-greet", "JavaPojos::greet");
        deploy(zip, "pojo-order", "JavaPojos::order");
        deploy(zip, "pojo-wrap", "JavaPojos::wrap");
        deploy(zip, "pojo-reject", "JavaPojos::reject");
        deploy(zip, "java-sqs", "JavaSqsBatch");
        deploy(zip, "java-scheduled", "JavaScheduled");
        deploy(zip, "java-s3", "JavaS3");
        deploy(zip, "java-http", "JavaHttpApi");
        deploy(zip, "java-rest", "JavaRestApi");
        deploy(zip, "java-ctx", "JavaContextProbe");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void pojoMethodsOfEachSupportedSignature() {
        var keys = lambdaInvoke("pojo-keys", "{\"n\": 21, \"b\": true, \"a\": \"x\"}");
        var greet = api.invoke("pojo-greet", "\"Ada\"");
        var order = lambdaInvoke("pojo-order",
                "{\"item\": \"tea\", \"quantity\": 3, \"unitPrice\": 1.5, \"tags\": [\"green\"], \"coupon\": \"unknown\"}");
        var wrap = api.invoke("pojo-wrap", "{\"k\":[1,2]}");

        assertThat(keys.json()).isEqualTo(json("{\"keys\": [\"a\", \"b\", \"n\"], \"doubled\": 42}"));
        assertThat(greet.body()).isEqualTo("\"hello Ada from pojo-greet\"");
        assertThat(order.json()).isEqualTo(json("{\"item\": \"tea\", \"quantity\": 3, \"total\": 4.5, \"tags\": [\"green\"]}"));
        assertThat(wrap.body()).isEqualTo("{\"bytes\":11,\"event\":{\"k\":[1,2]}}");
    }

    @Test
    void sqsBatchReportsExactlyTheFailedMessages() {
        var response = lambdaInvoke("java-sqs", SQS);

        assertThat(response.header("X-Amz-Function-Error")).isNull();
        assertThat(response.body()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logMessages("java-sqs")).contains(
                "sqs m-1 from arn:aws:sqs:us-east-2:123456789012:orders origin=checkout receives=1",
                "sqs m-2 from arn:aws:sqs:us-east-2:123456789012:orders origin=null receives=3"));
    }

    @Test
    void scheduledAndS3EventsArriveAsTheirJavaClasses() {
        var scheduled = lambdaInvoke("java-scheduled", SCHEDULED);
        var s3 = lambdaInvoke("java-s3", S3);

        assertThat(scheduled.json().asText()).isEqualTo("Scheduled Event | aws.events | "
                + Instant.parse("2019-03-01T01:23:45Z").toEpochMilli() + " | arn:aws:events:us-east-2:123456789012:rule/nightly");
        assertThat(s3.json().asText()).isEqualTo("my-bucket/dir/my file.txt 1305107 bytes, ObjectCreated:Put at "
                + Instant.parse("2019-09-03T19:37:27.192Z").toEpochMilli());
    }

    @Test
    void httpApiHandlerAnswersThroughTheFunctionRoute() {
        var response = api.post("/fn/java-http/some/path?x=1", "hi", "Content-Type", "text/plain", "X-Probe", "yes",
                "Cookie", "c1=v1; c2=v2");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Handled-By")).isEqualTo("java-http");
        assertThat(response.header("Content-Type")).isEqualTo("text/plain");
        assertThat(response.raw().headers().allValues("Set-Cookie")).containsExactly("session=abc");
        assertThat(response.body()).isEqualTo("POST /some/path?x=1 x=1 probe=yes cookies=[c1=v1, c2=v2] body=hi");
    }

    @Test
    void restApiResponseIsWrittenWithTheAwsPropertyNames() {
        var response = lambdaInvoke("java-rest", REST);

        JsonNode json = response.json();
        assertThat(names(json)).containsExactlyInAnyOrder("statusCode", "headers", "multiValueHeaders", "body",
                "isBase64Encoded");
        assertThat(json.get("statusCode").asInt()).isEqualTo(200);
        assertThat(json.get("headers")).isEqualTo(json("{\"Content-Type\": \"text/plain\"}"));
        assertThat(json.get("multiValueHeaders")).isEqualTo(json("{\"Set-Cookie\": [\"a=1\", \"b=2\"]}"));
        assertThat(json.get("isBase64Encoded").isBoolean()).isTrue();
        assertThat(json.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(json.get("body").asText())
                .isEqualTo("POST /hello/world proxy=hello/world a=[1, 2] stage=prod ip=1.2.3.4 body={\"k\":\"v\"}");
    }

    @Test
    void contextReportsTheInvocationAndItsClientContext() {
        // pretty-printed and not all ASCII, as callers send it; neither may break the runtime's header
        String clientContext = """
                {"client": {"installation_id": "inst-1", "app_title": "Nimbus IT", "app_version_name": "1.0",
                            "app_version_code": "7", "app_package_name": "dev.nimbus.it"},
                 "custom": {"k": "v", "city": "Zürich"}, "env": {"platform": "Linux", "locale": "en_US"}}""";
        var response = lambdaInvoke("java-ctx", "{}", "X-Amz-Client-Context",
                Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8)));
        var qualified = lambdaInvoke("java-ctx:$LATEST", "{}");

        JsonNode ctx = response.json();
        String requestId = response.header("x-amzn-RequestId");
        assertThat(ctx.get("awsRequestId").asText()).isEqualTo(requestId);
        assertThat(ctx.get("remaining").asLong()).isPositive().isLessThanOrEqualTo(TIMEOUT_SECONDS * 1000L);
        assertThat(ctx.get("functionName").asText()).isEqualTo("java-ctx");
        assertThat(ctx.get("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(ctx.get("invokedFunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:java-ctx");
        assertThat(ctx.get("memoryLimitInMB").asInt()).isEqualTo(256);
        assertThat(ctx.get("custom")).isEqualTo(json("{\"k\": \"v\", \"city\": \"Zürich\"}"));
        assertThat(ctx.get("env")).isEqualTo(json("{\"platform\": \"Linux\", \"locale\": \"en_US\"}"));
        assertThat(ctx.get("installationId").asText()).isEqualTo("inst-1");
        assertThat(ctx.get("appTitle").asText()).isEqualTo("Nimbus IT");
        assertThat(qualified.json().get("invokedFunctionArn").asText()).endsWith(":function:java-ctx:$LATEST");
        assertThat(qualified.json().has("custom")).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(logRecords("java-ctx")).anySatisfy(record -> {
                    assertThat(record.get("requestId").asText()).isEqualTo(requestId);
                    assertThat(record.get("message").asText()).isEqualTo("probe says hi to " + requestId);
                }));
    }

    @Test
    void unhandledExceptionOfAPojoHandlerIsAFunctionError() {
        var response = lambdaInvoke("pojo-reject", "{\"item\": \"tea\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        JsonNode error = response.json();
        assertThat(names(error)).containsExactly("errorMessage", "errorType", "stackTrace");
        assertThat(error.get("errorMessage").asText()).isEqualTo("no tea left");
        assertThat(error.get("errorType").asText()).isEqualTo("dev.nimbus.it.fixtures.OrderRejectedException");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith("dev.nimbus.it.fixtures.JavaPojos.reject(JavaPojos.java:");
        assertThat(error.get("stackTrace")).noneMatch(frame -> frame.asText().startsWith("dev.nimbus.runtime."));
    }

    static Api.Response lambdaInvoke(String name, String payload, String... headers) {
        return api.post("/2015-03-31/functions/" + name + "/invocations", payload, headers);
    }

    static void deploy(byte[] zip, String name, String handler) {
        var response = api.deploy(name, zip, Api.config("java", FIXTURES + handler, "memoryMb", 256,
                "timeoutSeconds", TIMEOUT_SECONDS));
        assertThat(response.status()).as("deploy %s: %s", name, response.body()).isBetween(200, 201);
    }

    static List<JsonNode> logRecords(String function) {
        var records = new ArrayList<JsonNode>();
        api.get("/api/v1/functions/" + function + "/logs?limit=1000").json().get("logs").forEach(records::add);
        return records;
    }

    static List<String> logMessages(String function) {
        return logRecords(function).stream().map(r -> r.get("message").asText()).toList();
    }

    /** The property names of an object, in document order. */
    static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The function's code as users ship it: the fixture classes at the root and the libraries it
     * needs under {@code lib/}, taken from the test class path.
     */
    static byte[] functionZip() throws IOException {
        Path classes = Path.of(System.getProperty("nimbus.test.classes"));
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.walk(classes.resolve("dev/nimbus/it/fixtures"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                add(zip, classes.relativize(file).toString(), file);
            }
            for (String artifact : List.of("aws-lambda-java-events", "joda-time", "aws-lambda-java-core")) {
                Path jar = classPathJar(artifact);
                add(zip, "lib/" + jar.getFileName(), jar);
            }
        }
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Files.readAllBytes(file));
        zip.closeEntry();
    }

    /** The jar of {@code artifact} (any version) on the test class path. */
    static Path classPathJar(String artifact) {
        var name = Pattern.compile(Pattern.quote(artifact) + "-\\d[^/]*\\.jar");
        return Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(System.getProperty("java.class.path"))
                .map(Path::of)
                .filter(p -> name.matcher(p.getFileName().toString()).matches())
                .findFirst()
                .orElseThrow(() -> new AssertionError(artifact + " is not on the test class path"));
    }
}
