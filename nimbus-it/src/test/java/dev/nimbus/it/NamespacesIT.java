package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Namespaces (tenants) against a real server: what one namespace's keys may not see or touch of
 * another's on every API (native, function routes, Lambda and S3 with SigV4), references in bodies,
 * the installation administrator acting in a namespace, quotas on functions, code size and
 * instances, and the namespaces API's own rules.
 */
class NamespacesIT {
    static final String APP = "def handler(event, context):\n    return {'statusCode': 200, 'body': 'mine'}\n";
    static final String SLOW = "import time\n\ndef handler(event, context):\n    time.sleep(2)\n    return 'slow'\n";

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api admin;
    /** Team A's deployer, team B's deployer and admin. */
    static Api a;
    static Api b;
    static Api bAdmin;
    static String aKey;
    static String bKey;
    static String aCode;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        admin = new Api(server.url());
        assertThat(admin.putJson("/api/v1/namespaces/team-a", Map.of("maxFunctions", 3, "maxCodeBytes", 4096))
                .status()).isEqualTo(201);
        assertThat(admin.putJson("/api/v1/namespaces/team-b", Map.of()).status()).isEqualTo(201);
        aKey = key("team-a", "deployer");
        bKey = key("team-b", "deployer");
        a = new Api(server.url(), aKey);
        b = new Api(server.url(), bKey);
        bAdmin = new Api(server.url(), key("team-b", "admin"));
        // code of its own: code is stored by content, and a namespace may fetch code one of its functions runs
        var deployed = a.deploy("a-fn", Zips.of(Map.of("app.py", APP + "# team a\n")),
                Api.config("python3", "app.handler"));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        aCode = deployed.json().get("codeSha256").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A new key of {@code namespace}, made by the installation administrator acting in it. */
    static String key(String namespace, String role) {
        var created = new Api(server.url(), NimbusProcess.ADMIN_KEY, namespace)
                .post("/api/v1/keys", "{\"name\": \"" + namespace + "-" + role + "\", \"role\": \"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("namespace").asText()).isEqualTo(namespace);
        return created.json().get("key").asText();
    }

    static List<String> names(JsonNode list, String field) {
        var out = new ArrayList<String>();
        list.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void anotherNamespacesFunctionIsNeitherSeenNorTouched() {
        assertThat(names(b.get("/api/v1/functions").json().get("functions"), "name")).doesNotContain("a-fn");
        assertThat(names(a.get("/api/v1/functions").json().get("functions"), "name")).contains("a-fn");
        for (var response : List.of(b.get("/api/v1/functions/a-fn"), b.get("/fn/a-fn"), b.invoke("a-fn", "{}"),
                b.putJson("/api/v1/functions/a-fn", Map.of("memoryMb", 256)), b.delete("/api/v1/functions/a-fn"),
                b.get("/api/v1/functions/a-fn/logs"), b.get("/api/v1/functions/a-fn/invocations"),
                b.post("/api/v1/functions/a-fn/dead-letters/redrive", ""))) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.json().at("/error/message").asText()).isEqualTo("The resource is not in this namespace");
        }
        assertThat(b.invoke("a-fn:", "{}").status()).as("a qualifier does not hide the function").isEqualTo(403);
        assertThat(b.post("/api/v1/functions/a-fn:$LATEST/async", "{}").status()).isEqualTo(403);
        var deployOver = b.deploy("a-fn", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
        assertThat(deployOver.status()).as("the name is taken, by another namespace").isEqualTo(403);
        assertThat(b.get("/api/v1/code/" + aCode).status()).as("nor its code").isEqualTo(404);
        assertThat(a.get("/api/v1/code/" + aCode).status()).isEqualTo(200);
        assertThat(a.get("/fn/a-fn").body()).isEqualTo("mine");
        assertThat(names(b.get("/api/v1/top").json().get("functions"), "function")).doesNotContain("a-fn");
    }

    @Test
    void theLambdaApiWithSigV4SeesOnlyTheSigningKeysNamespace() {
        String[] b2 = bKey.split("\\.", 2);
        try (LambdaClient lambda = LambdaClients.create(server.url(), b2[0], b2[1])) {
            assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName()).doesNotContain("a-fn");
            assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("a-fn")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName(
                    "arn:aws:lambda:us-east-1:000000000000:function:a-fn:$LATEST")))
                    .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("a-fn").runtime("python3.12")
                    .handler("app.handler").role("arn:aws:iam::000000000000:role/x")
                    .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                            Zips.of(Map.of("app.py", APP)))))))
                    .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.statusCode()).isIn(403, 409));
        }
    }

    @Test
    void aSignatureCountsOnlyForTheKeyTheRequestWasAdmittedFor() throws Exception {
        String[] b2 = bKey.split("\\.", 2);
        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String path = "/2015-03-31/functions/a-fn/invocations";
        var honest = LambdaClients.signedPost(server.url(), path, body, java.time.Instant.now(), b2[0], b2[1]);
        assertThat(LambdaClients.send(honest, body).statusCode()).isEqualTo(403);

        // a decoy parameter a lax reader would take for the credential: the filter must not see "nobody"
        // while the verifier accepts B's signature
        String authorization = honest.firstMatchingHeader("Authorization").orElseThrow();
        var decoy = honest.toBuilder().putHeader("Authorization", authorization.replaceFirst("AWS4-HMAC-SHA256 ",
                "AWS4-HMAC-SHA256 XCredential=nobody/20260101/us-east-1/lambda/aws4_request, ")).build();
        var response = LambdaClients.send(decoy, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("mine");
    }

    @Test
    void topicsBucketsSchedulesAndSecretsAreApartAndBodiesCannotReachAcross() {
        assertThat(a.putRaw("/api/v1/topics/a-news", "").status()).isEqualTo(201);
        assertThat(a.putJson("/api/v1/secrets/a-secret", Map.of("value", "s3cr3t")).status()).isEqualTo(201);
        assertThat(b.deploy("b-fn", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler")).status())
                .isEqualTo(201);
        assertThat(b.putRaw("/api/v1/topics/b-news", "").status()).isEqualTo(201);

        assertThat(names(b.get("/api/v1/topics").json().get("topics"), "name")).contains("b-news").doesNotContain("a-news");
        assertThat(b.putJson("/api/v1/topics/a-news/subscriptions/s", Map.of("function", "b-fn")).status()).isEqualTo(403);
        assertThat(b.putRaw("/api/v1/topics/a-news", "").status()).isEqualTo(403);
        var across = b.putJson("/api/v1/topics/b-news/subscriptions/s", Map.of("function", "a-fn"));
        assertThat(across.status()).as("a body naming another namespace's function: as if unknown").isEqualTo(404);
        var dlq = b.putJson("/api/v1/functions/b-fn/delivery", Map.of("deadLetter", "topic:a-news"));
        assertThat(dlq.status()).as(dlq.body()).isEqualTo(404);
        var publish = b.post("/api/v1/events?topic=a-news", "{\"x\": 1}", "Content-Type", "application/json");
        assertThat(publish.status()).as(publish.body()).isEqualTo(400);
        assertThat(publish.body()).contains("unknown topic");
        var schedule = b.putJson("/api/v1/schedules/nightly", Map.of("function", "a-fn", "expression", "rate(1 hour)"));
        assertThat(schedule.status()).isEqualTo(404);

        assertThat(names(b.get("/api/v1/secrets").json().get("secrets"), "name")).doesNotContain("a-secret");
        assertThat(b.get("/api/v1/secrets/a-secret").status()).isEqualTo(403);
        var stealing = b.putJson("/api/v1/functions/b-fn", Map.of("environment", Map.of("STOLEN", "${secret:a-secret}")));
        assertThat(stealing.status()).as(stealing.body()).isEqualTo(400);
        assertThat(stealing.body()).contains("does not exist");
    }

    @Test
    void bucketsThroughS3AreTheSigningKeysNamespaces() {
        String[] a2 = aKey.split("\\.", 2);
        String[] b2 = bKey.split("\\.", 2);
        try (S3Client s3a = ObjectStorageIT.client(server.url(), a2[0], a2[1]);
             S3Client s3b = ObjectStorageIT.client(server.url(), b2[0], b2[1])) {
            s3a.createBucket(r -> r.bucket("a-photos"));
            s3a.putObject(r -> r.bucket("a-photos").key("cat.jpg"), RequestBody.fromString("meow"));

            assertThat(s3b.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("a-photos");
            assertThat(s3a.listBuckets().buckets()).extracting(Bucket::name).contains("a-photos");
            assertThatThrownBy(() -> s3b.getObjectAsBytes(r -> r.bucket("a-photos").key("cat.jpg")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> s3b.createBucket(r -> r.bucket("a-photos")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThat(b.get("/api/v1/buckets/a-photos").status()).isEqualTo(403);
            assertThat(b.putRaw("/s3/b-photos", "").status()).isEqualTo(200);
            for (String sneaky : List.of("/s3/a-photos/../b-photos/x", "/s3/a-photos/%2E%2E/b-photos/x",
                    "/s3/b-photos/../a-photos/x")) {
                // the router resolves dot segments, S3 reads the path as sent: the two must never name different buckets
                assertThat(b.putRaw(sneaky, "boo").status()).as(sneaky).isIn(400, 403);
            }
            assertThat(s3a.listObjectsV2(r -> r.bucket("a-photos")).contents()).extracting(o -> o.key())
                    .containsExactly("cat.jpg");
            assertThat(names(b.get("/api/v1/buckets").json().get("buckets"), "name")).doesNotContain("a-photos");
        }
    }

    @Test
    void theInstallationAdministratorActsInANamespaceOthersOnlyInTheirOwn() {
        var actingInA = new Api(server.url(), NimbusProcess.ADMIN_KEY, "team-a");
        assertThat(names(actingInA.get("/api/v1/functions").json().get("functions"), "name")).contains("a-fn");
        assertThat(actingInA.get("/api/v1/functions/a-fn").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/functions/a-fn").status()).as("in its own namespace it is not its").isEqualTo(403);
        assertThat(new Api(server.url(), NimbusProcess.ADMIN_KEY, "nowhere").get("/api/v1/functions").status())
                .isEqualTo(403);

        var bInA = new Api(server.url(), bKey, "team-a").get("/api/v1/functions");
        assertThat(bInA.status()).isEqualTo(403);
        assertThat(bInA.body()).contains("Only an admin key of the default namespace");
        assertThat(new Api(server.url(), bKey, "team-b").get("/api/v1/functions").status()).isEqualTo(200);

        assertThat(bAdmin.get("/api/v1/namespaces").status()).as("a namespace's admin is no installation admin")
                .isEqualTo(403);
        assertThat(names(bAdmin.get("/api/v1/keys").json().get("keys"), "namespace")).containsOnly("team-b");
        String aKeyId = aKey.substring(0, aKey.indexOf('.'));
        assertThat(bAdmin.delete("/api/v1/keys/" + aKeyId).status()).as("nor another namespace's keys").isEqualTo(404);
        assertThat(a.get("/api/v1/functions").status()).isEqualTo(200);
    }

    @Test
    void quotasRefuseFunctionsAndCodeBeyondThemWithTheirReason() {
        byte[] noise = new byte[6000];
        new java.util.Random(7).nextBytes(noise);
        String incompressible = java.util.Base64.getEncoder().encodeToString(noise);
        byte[] bigZip = Zips.of(Map.of("app.py", APP, "blob.txt", incompressible));
        var upload = a.post("/api/v1/code", bigZip, "Content-Type", "application/zip");
        assertThat(upload.status()).as(upload.body()).isEqualTo(403);
        assertThat(upload.json().at("/error/code").asText()).isEqualTo("QuotaExceeded");
        assertThat(upload.json().at("/error/message").asText()).contains("maxCodeBytes");
        // stored by someone without that quota, the same code still cannot be deployed in team-a
        String sha = admin.post("/api/v1/code", bigZip, "Content-Type", "application/zip").json().get("sha256").asText();
        var big = a.putJson("/api/v1/functions/a-big", Map.of("runtime", "python3", "handler", "app.handler",
                "codeSha256", sha));
        assertThat(big.status()).as(big.body()).isEqualTo(403);
        assertThat(big.json().at("/error/code").asText()).isEqualTo("QuotaExceeded");
        assertThat(big.json().at("/error/message").asText()).contains("maxCodeBytes");

        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 3; i++) {
            statuses.add(a.deploy("a-more-" + i, Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler",
                    "scaling", Map.of("initialInstances", 0))).status());
        }
        assertThat(statuses).as("a-fn and two more reach maxFunctions 3").containsExactly(201, 201, 403);
        JsonNode usage = admin.get("/api/v1/namespaces/team-a").json();
        assertThat(usage.get("maxFunctions").asInt()).isEqualTo(3);
        assertThat(usage.at("/usage/functions").asInt()).isEqualTo(3);
        assertThat(a.delete("/api/v1/functions/a-more-0").status()).isEqualTo(204);
        assertThat(a.deploy("a-more-2", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler",
                "scaling", Map.of("initialInstances", 0))).status()).isEqualTo(201);
    }

    @Test
    void aNamespaceRunsNoMoreInstancesThanItsQuota() throws Exception {
        assertThat(admin.putJson("/api/v1/namespaces/team-c", Map.of("maxInstances", 1)).status()).isEqualTo(201);
        var c = new Api(server.url(), key("team-c", "deployer"));
        for (String name : List.of("c-one", "c-two")) {
            assertThat(c.deploy(name, Zips.of(Map.of("app.py", SLOW)), Api.config("python3", "app.handler",
                    "timeoutSeconds", 10, "scaling", Map.of("initialInstances", 0))).status()).isEqualTo(201);
        }
        var first = CompletableFuture.supplyAsync(() -> c.invoke("c-one", "{}"));
        Thread.sleep(700);
        var second = c.invoke("c-two", "{}");

        assertThat(first.get().status()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(429);
        assertThat(second.body()).contains("team-c").contains("maxInstances");
    }

    @Test
    void aNamespaceIsDeletedOnlyOnceEmptyAndTheDefaultOneNever() {
        assertThat(admin.putJson("/api/v1/namespaces/Bad_Name", Map.of()).status()).isEqualTo(400);
        assertThat(admin.putJson("/api/v1/namespaces/team-d", Map.of("maxFunctions", 0)).status()).isEqualTo(400);
        assertThat(admin.putJson("/api/v1/namespaces/team-d", Map.of()).status()).isEqualTo(201);
        assertThat(admin.putJson("/api/v1/namespaces/team-d", Map.of("maxInstances", 2)).status()).isEqualTo(200);
        String dKey = key("team-d", "deployer");
        var d = new Api(server.url(), dKey);
        assertThat(d.putRaw("/api/v1/topics/d-news", "").status()).isEqualTo(201);

        assertThat(admin.delete("/api/v1/namespaces/team-d").status()).as("keys left").isEqualTo(409);
        String dKeyId = dKey.substring(0, dKey.indexOf('.'));
        assertThat(new Api(server.url(), NimbusProcess.ADMIN_KEY, "team-d").delete("/api/v1/keys/" + dKeyId).status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/v1/namespaces/team-d").status()).as("a topic left").isEqualTo(409);
        assertThat(new Api(server.url(), NimbusProcess.ADMIN_KEY, "team-d").delete("/api/v1/topics/d-news").status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/v1/namespaces/team-d").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/namespaces/team-d").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/namespaces/default").status()).isEqualTo(400);
        assertThat(d.get("/api/v1/functions").status()).as("its keys are gone").isEqualTo(401);
    }
}
