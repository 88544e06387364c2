package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Object storage against a real server with the AWS SDK's S3Client (default settings: chunked,
 * checksummed uploads): an upload invokes a Python function that reads the object back through
 * AWS_ENDPOINT_URL_S3; filters, deletions, listings, ranges and errors; SigV4; the S3 webhook;
 * bad input that stores nothing.
 */
class ObjectStorageIT {
    static final String APP = """
            import json, os, urllib.parse, urllib.request
            def handler(event, context):
                record = event["Records"][0]
                bucket = record["s3"]["bucket"]["name"]
                key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
                seen = {"eventName": record["eventName"], "bucket": bucket, "key": key,
                        "configurationId": record["s3"]["configurationId"], "region": record["awsRegion"],
                        "size": record["s3"]["object"].get("size"), "records": len(event["Records"])}
                if os.environ.get("READ_BACK") and record["eventName"].startswith("ObjectCreated:"):
                    url = os.environ["AWS_ENDPOINT_URL_S3"] + "/" + bucket + "/" + urllib.parse.quote(key)
                    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + os.environ["READ_BACK"]})
                    with urllib.request.urlopen(request) as response:
                        seen["content"] = response.read().decode()
                with open(os.environ["LEDGER"], "a") as ledger:
                    ledger.write(json.dumps(seen) + "\\n")
            """;
    static final long MAX_OBJECT = 64 * 1024;

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static NimbusProcess server;
    static Api api;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, "storage.max-object-size=" + MAX_OBJECT,
                "sandbox.writable-paths=" + work);
        api = new Api(server.url());
        // a function reads objects with a key of its own, given to it as a secret
        var key = api.post("/api/v1/keys", "{\"name\": \"reader\", \"role\": \"invoker\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(api.putJson("/api/v1/secrets/reader-key", Map.of("value", key.json().get("key").asText())).status())
                .isEqualTo(201);
        deploy("reader", Map.of("READ_BACK", "${secret:reader-key}"));
        deploy("audit", Map.of());
        s3 = client(server.url(), LambdaClients.ACCESS_KEY_ID, LambdaClients.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        server.close();
    }

    private static void deploy(String name, Map<String, String> env) {
        var environment = new java.util.HashMap<>(env);
        environment.put("LEDGER", work.resolve(name + ".ledger").toString());
        var config = Api.config("python3", "app.handler", "environment", environment);
        config.put("scaling", Map.of("initialInstances", 0));
        var response = api.deploy(name, Zips.of(Map.of("app.py", APP)), config);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    static S3Client client(String serverUrl, String accessKeyId, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(serverUrl + "/s3"))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    private static List<JsonNode> ledger(String function) throws Exception {
        Path file = work.resolve(function + ".ledger");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(line -> {
            try {
                return Api.JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int asyncEvents(String function) {
        return api.get("/api/v1/functions/" + function + "/async").json().get("events").size();
    }

    private static void notify(String bucket, String name, Map<String, Object> body) {
        var response = api.putJson("/api/v1/buckets/" + bucket + "/notifications/" + name, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void anUploadMatchingTheFilterInvokesAFunctionThatReadsTheObjectBackAndOthersInvokeNothing() throws Exception {
        s3.createBucket(b -> b.bucket("uploads"));
        notify("uploads", "csv-in", Map.of("function", "reader", "events", List.of("s3:ObjectCreated:*"),
                "prefix", "in/", "suffix", ".csv", "delivery", Map.of("maxRetries", 1)));

        s3.putObject(b -> b.bucket("uploads").key("out/skipped.csv"), RequestBody.fromString("no"));
        s3.putObject(b -> b.bucket("uploads").key("in/skipped.txt"), RequestBody.fromString("no"));
        var put = s3.putObject(b -> b.bucket("uploads").key("in/day 1+é.csv").contentType("text/csv"),
                RequestBody.fromString("id,amount\n1,250\n"));

        assertThat(put.eTag()).isEqualTo("\"" + md5Hex("id,amount\n1,250\n") + "\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger("reader").size() == 1);
        JsonNode seen = ledger("reader").getFirst();
        assertThat(seen.get("content").asText()).isEqualTo("id,amount\n1,250\n");
        assertThat(seen.get("key").asText()).isEqualTo("in/day 1+é.csv");
        assertThat(seen.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(seen.get("configurationId").asText()).isEqualTo("csv-in");
        assertThat(seen.get("region").asText()).isEqualTo("us-east-1");
        assertThat(seen.get("size").asInt()).isEqualTo(16);
        assertThat(asyncEvents("reader")).as("the keys outside the filter caused no event").isEqualTo(1);
        JsonNode caused = api.get("/api/v1/buckets/uploads/notifications/csv-in/events").json().get("events");
        assertThat(caused).hasSize(1);
        assertThat(caused.get(0).get("origin").asText()).isEqualTo("notification:uploads/csv-in");
        assertThat(api.get("/api/v1/buckets/uploads/notifications/csv-in").json().at("/delivery/maxRetries").asInt())
                .isEqualTo(1);
    }

    @Test
    void aDeletionInvokesObjectRemovedOnlyWhenSomethingWasDeleted() throws Exception {
        s3.createBucket(b -> b.bucket("trash"));
        notify("trash", "gone", Map.of("function", "audit", "events", List.of("ObjectRemoved:*")));
        s3.putObject(b -> b.bucket("trash").key("old.log"), RequestBody.fromString("bye"));

        s3.deleteObject(b -> b.bucket("trash").key("old.log"));
        s3.deleteObject(b -> b.bucket("trash").key("old.log"));
        s3.deleteObject(b -> b.bucket("trash").key("never-there"));

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger("audit").stream()
                .anyMatch(e -> e.get("bucket").asText().equals("trash")));
        List<JsonNode> removed = ledger("audit").stream().filter(e -> e.get("bucket").asText().equals("trash")).toList();
        assertThat(removed).hasSize(1);
        assertThat(removed.getFirst().get("eventName").asText()).isEqualTo("ObjectRemoved:Delete");
        assertThat(removed.getFirst().get("key").asText()).isEqualTo("old.log");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("trash").key("old.log")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void listingsHeadsRangesAndErrorsAsTheSdkExpects() {
        s3.createBucket(b -> b.bucket("library"));
        for (String key : List.of("a/1.txt", "a/2.txt", "a/b/3.txt", "c.txt", "d.txt", "e f.txt")) {
            s3.putObject(b -> b.bucket("library").key(key).metadata(Map.of("origin", "test")), RequestBody.fromString(key));
        }

        var top = s3.listObjectsV2(b -> b.bucket("library").delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("c.txt", "d.txt", "e f.txt");
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/");
        assertThat(top.keyCount()).isEqualTo(4);
        var paged = s3.listObjectsV2Paginator(b -> b.bucket("library").maxKeys(2)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(paged).containsExactly("a/1.txt", "a/2.txt", "a/b/3.txt", "c.txt", "d.txt", "e f.txt");
        var encoded = s3.listObjectsV2(b -> b.bucket("library").prefix("e").encodingType("url"));
        assertThat(encoded.contents()).extracting(S3Object::key).containsExactly("e f.txt");
        assertThat(s3.listObjectsV2(b -> b.bucket("library").prefix("a/").startAfter("a/1.txt")).contents())
                .extracting(S3Object::key).containsExactly("a/2.txt", "a/b/3.txt");
        assertThat(s3.listBuckets().buckets()).extracting(bucket -> bucket.name()).contains("library");

        var head = s3.headObject(b -> b.bucket("library").key("a/b/3.txt"));
        assertThat(head.contentLength()).isEqualTo(9);
        assertThat(head.metadata()).containsEntry("origin", "test");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("library").key("a/b/3.txt").range("bytes=2-4")).asUtf8String())
                .isEqualTo("b/3");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("library").key("nope"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-bucket"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("library")))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("library"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
        assertThatThrownBy(() -> s3.getObjectAcl(b -> b.bucket("library").key("c.txt")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
    }

    @Test
    void conditionalRequestsStoredHeadersAndHttpDatesAsS3HasThem() throws Exception {
        s3.createBucket(b -> b.bucket("conditions"));
        Instant expires = Instant.parse("2027-01-01T00:00:00Z");
        var first = s3.putObject(b -> b.bucket("conditions").key("once.txt").ifNoneMatch("*")
                .cacheControl("max-age=60").contentDisposition("attachment; filename=\"once.txt\"")
                .contentLanguage("en").expires(expires), RequestBody.fromString("first"));

        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("conditions").key("once.txt").ifNoneMatch("*"),
                RequestBody.fromString("second"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("conditions").key("once.txt").ifMatch("\"0123\""),
                RequestBody.fromString("third"))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("conditions").key("never.txt").ifMatch(first.eTag()),
                RequestBody.fromString("x"))).isInstanceOf(NoSuchKeyException.class);
        var head = s3.headObject(b -> b.bucket("conditions").key("once.txt"));
        assertThat(head.eTag()).isEqualTo(first.eTag());
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"once.txt\"");
        assertThat(head.contentLanguage()).isEqualTo("en");
        assertThat(head.expires()).isEqualTo(expires);

        s3.putObject(b -> b.bucket("conditions").key("once.txt").ifMatch(first.eTag()), RequestBody.fromString("fourth"));
        Instant modified = s3.headObject(b -> b.bucket("conditions").key("once.txt")).lastModified();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("conditions").key("once.txt").ifModifiedSince(modified)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("conditions").key("once.txt")
                .ifUnmodifiedSince(modified.minusSeconds(1)))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("conditions").key("once.txt")
                .ifModifiedSince(modified.minusSeconds(1))).asUtf8String()).isEqualTo("fourth");

        var raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                + "/s3/conditions/once.txt")).header("X-Api-Key", NimbusProcess.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().firstValue("Last-Modified")).get().asString()
                .matches("[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT");
        var gzip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/s3/conditions/zipped.txt")).header("Content-Encoding", "gzip")
                .header("Authorization", "Bearer " + NimbusProcess.ADMIN_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(gzip.statusCode()).as("Content-Encoding is not implemented (docs/storage.md)").isEqualTo(400);
    }

    @Test
    void webhookRecordsFanOutLikeLocalOnesAndAResentCallDeliversNothingTwice() throws Exception {
        notify("minio-bucket", "incoming", Map.of("function", "audit", "events", List.of("ObjectCreated:*"),
                "prefix", "incoming/"));
        String minio = """
                {"EventName": "s3:ObjectCreated:Put", "Key": "minio-bucket/incoming/a+b.csv",
                 "Records": [{"eventVersion": "2.0", "eventSource": "minio:s3", "awsRegion": "",
                   "eventTime": "2026-11-26T10:00:00.000Z", "eventName": "s3:ObjectCreated:Put",
                   "s3": {"s3SchemaVersion": "1.0", "configurationId": "Config",
                          "bucket": {"name": "minio-bucket", "arn": "arn:aws:s3:::minio-bucket"},
                          "object": {"key": "incoming%2Fa+b.csv", "size": 5, "eTag": "abc", "sequencer": "17A"}}},
                  {"eventName": "s3:ObjectCreated:Put", "eventTime": "2026-11-26T10:00:01.000Z",
                   "s3": {"bucket": {"name": "minio-bucket"}, "object": {"key": "elsewhere/x.csv", "sequencer": "17B"}}}]}
                """;

        var first = api.post("/api/v1/webhooks/s3", minio);
        var again = api.post("/api/v1/webhooks/s3", minio);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.json().get("deliveries")).hasSize(1);
        assertThat(again.json().get("deliveries").get(0).get("eventId"))
                .isEqualTo(first.json().get("deliveries").get(0).get("eventId"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger("audit").stream()
                .anyMatch(e -> e.get("bucket").asText().equals("minio-bucket")));
        JsonNode seen = ledger("audit").stream().filter(e -> e.get("bucket").asText().equals("minio-bucket")).findFirst()
                .orElseThrow();
        assertThat(seen.get("key").asText()).isEqualTo("incoming/a b.csv");
        assertThat(seen.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(seen.get("configurationId").asText()).isEqualTo("incoming");
        assertThat(seen.get("records").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/buckets/minio-bucket").status()).as("not a local bucket").isEqualTo(404);
        assertThat(api.post("/api/v1/webhooks/s3", "{\"Records\": [{}]}").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks/s3", "{\"Records\": []} trailing").status()).isEqualTo(400);
        var oversized = api.post("/api/v1/webhooks/s3", """
                {"Records": [{"eventName": "ObjectCreated:Put", "padding": "%s",
                  "s3": {"bucket": {"name": "minio-bucket"}, "object": {"key": "incoming/big"}}}]}
                """.formatted("x".repeat(20_000)));
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.body()).contains("at most 16384 bytes");
    }

    @Test
    void badInputIsRefusedWithTheReasonAndStoresNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var invalidName = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/s3/Bad_Bucket"))
                .header("Authorization", "Bearer " + NimbusProcess.ADMIN_KEY)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(invalidName.statusCode()).isEqualTo(400);
        assertThat(invalidName.body()).contains("<Code>InvalidBucketName</Code>");

        s3.createBucket(b -> b.bucket("strict"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("strict").key("big.bin"),
                RequestBody.fromBytes(new byte[(int) MAX_OBJECT + 1]))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooLarge"));
        var badMd5 = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/s3/strict/tampered.txt"))
                .header("Authorization", "Bearer " + NimbusProcess.ADMIN_KEY)
                .header("Content-MD5", Base64.getEncoder().encodeToString(md5("what was meant")))
                .PUT(HttpRequest.BodyPublishers.ofString("what arrived")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badMd5.statusCode()).isEqualTo(400);
        assertThat(badMd5.body()).contains("<Code>BadDigest</Code>");
        var longKey = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/s3/strict/" + "k".repeat(1025)))
                .header("Authorization", "Bearer " + NimbusProcess.ADMIN_KEY)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(longKey.body()).contains("<Code>KeyTooLongError</Code>");

        assertThat(s3.listObjectsV2(b -> b.bucket("strict")).contents()).isEmpty();
        try (Stream<Path> left = Files.list(data.resolve("objects/tmp"))) {
            assertThat(left).as("no upload left half-written").isEmpty();
        }
        assertThat(api.putJson("/api/v1/buckets/strict/notifications/x", Map.of("function", "nobody",
                "events", List.of("ObjectCreated:*"))).status()).isEqualTo(404);
        var badKind = api.putJson("/api/v1/buckets/strict/notifications/x", Map.of("function", "audit",
                "events", List.of("ObjectCreated:Sometimes")));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body()).contains("ObjectCreated:Sometimes");
        assertThat(api.delete("/api/v1/buckets/strict").status()).isEqualTo(204);
    }

    @Test
    void withSigV4OnlySignedRequestsGetThroughAndPresignedUrlsWork() throws Exception {
        try (var signed = NimbusProcess.start(work.resolve("signed-data"), LambdaClients.serverSettings());
             var client = client(signed.url(), LambdaClients.ACCESS_KEY_ID, LambdaClients.SECRET_ACCESS_KEY);
             var wrong = client(signed.url(), LambdaClients.ACCESS_KEY_ID, "not-the-secret")) {
            client.createBucket(b -> b.bucket("private"));
            byte[] body = new byte[200_000]; // more than one chunk of the SDK's signed aws-chunked upload
            new java.util.Random(1).nextBytes(body);
            client.putObject(b -> b.bucket("private").key("secret.bin"), RequestBody.fromBytes(body));

            assertThat(client.getObjectAsBytes(b -> b.bucket("private").key("secret.bin")).asByteArray()).isEqualTo(body);
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket("private"))).isInstanceOfSatisfying(
                    S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
            var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(signed.url() + "/s3/private/secret.bin")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(403);
            assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");
            var sigV4a = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(signed.url() + "/s3/private/secret.bin"))
                    .header("Authorization", "AWS4-ECDSA-P256-SHA256 Credential=" + LambdaClients.ACCESS_KEY_ID
                            + "/20261125/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=3045")
                    .header("X-Amz-Date", "20261125T120000Z").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sigV4a.statusCode()).isEqualTo(501);
            assertThat(sigV4a.body()).contains("<Code>NotImplemented</Code>", "Signature Version 4A");
            try (var presigner = S3Presigner.builder().endpointOverride(URI.create(signed.url() + "/s3"))
                    .region(Region.US_EAST_1)
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                            .pathStyleAccessEnabled(true).build())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            LambdaClients.ACCESS_KEY_ID, LambdaClients.SECRET_ACCESS_KEY))).build()) {
                URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket("private").key("secret.bin"))).url().toURI();
                var download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.body()).isEqualTo(body);
            }
        }
    }

    private static byte[] md5(String s) throws Exception {
        return java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(md5(s));
    }
}
