package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * API keys against a real server with authentication on (the default): 401 without a valid key,
 * 403 when the key's role does not allow the call, each role on representative calls, public
 * function URLs and routes, SigV4 with an API key's credentials, deletion, the first admin key, and
 * no secret in the log.
 */
class AuthIT {
    static final String APP = "def handler(event, context):\n    return {'statusCode': 200, 'body': 'hi'}\n";

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api admin;
    static final List<String> secretsMade = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        admin = new Api(server.url());
        assertThat(admin.deploy("greeter", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"))
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A new key with {@code role}, as {@code <id>.<secret>}. */
    static String key(String name, String role) {
        var created = admin.post("/api/v1/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("role").asText()).isEqualTo(role);
        String key = created.json().get("key").asText();
        assertThat(key).startsWith(created.json().get("id").asText() + ".");
        secretsMade.add(key.substring(key.indexOf('.') + 1));
        return key;
    }

    @Test
    void noKeyOrAWrongOneIs401WithoutSayingWhichPartWasWrong() {
        String valid = key("probe", "read-only");
        String wrongSecret = valid.substring(0, valid.indexOf('.') + 1) + "x".repeat(43);
        for (String key : new String[] {null, "nonsense", wrongSecret, "NKAAAAAAAAAAAAAAAAAA." + "y".repeat(43)}) {
            var response = new Api(server.url(), key).get("/api/v1/functions");

            assertThat(response.status()).as(String.valueOf(key)).isEqualTo(401);
            assertThat(response.json().at("/error/code").asText()).isEqualTo("Unauthorized");
            assertThat(response.json().at("/error/message").asText())
                    .isEqualTo("A valid API key is required (Authorization: Bearer <key>)");
        }
        for (String path : new String[] {"/api/v1/status", "/fn/greeter", "/api/v1/keys", "/nowhere"}) {
            assertThat(new Api(server.url(), null).get(path).status()).as(path).isEqualTo(401);
        }
        var viaHeader = new Api(server.url(), null).send(HttpRequest.newBuilder(URI.create(server.url()
                + "/api/v1/functions")).header("X-Api-Key", valid).GET());
        assertThat(viaHeader.status()).as("X-Api-Key works too").isEqualTo(200);
    }

    @Test
    void eachRoleIsAllowedWhatItsTableSaysAndRefusedTheRest() {
        var deployer = new Api(server.url(), key("ci", "deployer"));
        var invoker = new Api(server.url(), key("frontend", "invoker"));
        var reader = new Api(server.url(), key("dashboards", "read-only"));
        byte[] zip = Zips.of(Map.of("app.py", APP));

        assertThat(deployer.deploy("by-deployer", zip, Api.config("python3", "app.handler")).status()).isEqualTo(201);
        assertThat(invoker.putJson("/api/v1/functions/by-deployer", Map.of("memoryMb", 256)).status()).isEqualTo(403);
        assertThat(reader.putJson("/api/v1/functions/by-deployer", Map.of("memoryMb", 256)).status()).isEqualTo(403);
        assertThat(reader.delete("/api/v1/functions/by-deployer").status()).isEqualTo(403);

        assertThat(invoker.invoke("by-deployer", "{}").status()).isEqualTo(200);
        assertThat(invoker.get("/fn/by-deployer").body()).isEqualTo("hi");
        assertThat(deployer.invoke("by-deployer", "{}").status()).isEqualTo(200);
        var refused = reader.invoke("by-deployer", "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("Forbidden");
        assertThat(reader.get("/fn/by-deployer").status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/functions/by-deployer/async", "{}").status()).isEqualTo(403);

        assertThat(reader.get("/api/v1/functions/by-deployer").status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/status").json().get("auth").asText()).isEqualTo("on");
        assertThat(invoker.get("/api/v1/functions").status()).isEqualTo(403);

        assertThat(deployer.putJson("/api/v1/secrets/db", Map.of("value", "hunter2")).status()).isEqualTo(201);
        assertThat(invoker.putJson("/api/v1/secrets/db", Map.of("value", "x")).status()).isEqualTo(403);
        assertThat(reader.putJson("/api/v1/secrets/db", Map.of("value", "x")).status()).isEqualTo(403);
        assertThat(reader.delete("/api/v1/secrets/db").status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/secrets").status()).isEqualTo(200);

        for (Api notAdmin : List.of(deployer, invoker, reader)) {
            assertThat(notAdmin.get("/api/v1/keys").status()).isEqualTo(403);
            assertThat(notAdmin.post("/api/v1/keys", "{\"name\": \"mine\", \"role\": \"admin\"}").status()).isEqualTo(403);
        }
        assertThat(deployer.delete("/api/v1/functions/by-deployer").status()).isEqualTo(204);
    }

    @Test
    void keysAreListedWithoutSecretsAndTheLastAdminKeyCannotBeDeleted() {
        String reader = key("listed", "read-only");
        var list = admin.get("/api/v1/keys");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(reader.substring(0, reader.indexOf('.')), NimbusProcess.ADMIN_KEY_ID)
                .doesNotContain(reader.substring(reader.indexOf('.') + 1), NimbusProcess.ADMIN_SECRET);
        var last = admin.delete("/api/v1/keys/" + NimbusProcess.ADMIN_KEY_ID);
        assertThat(last.status()).isEqualTo(409);
        assertThat(admin.delete("/api/v1/keys/NKAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/keys", "{\"name\": \"x\", \"role\": \"root\"}").status()).isEqualTo(400);
    }

    @Test
    void aFunctionUrlWithAuthTypeNoneAndItsRouteArePublicAndNothingElseIs() {
        try (LambdaClient lambda = LambdaClients.create(server.url())) {
            String url = lambda.createFunctionUrlConfig(b -> b.functionName("greeter")
                    .authType(FunctionUrlAuthType.NONE)).functionUrl();
            var anonymous = new Api(server.url(), null);

            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(url)).GET()).body()).isEqualTo("hi");
            assertThat(anonymous.get("/fn/greeter/any/path").body()).isEqualTo("hi");
            assertThat(anonymous.get("/fn/greeter:nope").status()).as("another qualifier").isEqualTo(401);
            assertThat(anonymous.invoke("greeter", "{}").status()).as("native invoke").isEqualTo(401);
            lambda.deleteFunctionUrlConfig(b -> b.functionName("greeter"));
            assertThat(anonymous.get("/fn/greeter").status()).as("no longer public").isEqualTo(401);
        }
    }

    @Test
    void anApiKeysIdAndSecretSignAwsRequestsWithTheKeysRoleAndADeletedKeyStopsWorking() {
        String invokerKey = key("sdk", "invoker");
        String id = invokerKey.substring(0, invokerKey.indexOf('.'));
        String secret = invokerKey.substring(invokerKey.indexOf('.') + 1);
        try (LambdaClient lambda = LambdaClients.create(server.url(), id, secret)) {
            var invoked = lambda.invoke(b -> b.functionName("greeter").payload(SdkBytes.fromUtf8String("{}")));
            assertThat(invoked.statusCode()).isEqualTo(200);
            assertRefused(() -> lambda.listFunctions(), "AccessDeniedException");

            assertThat(admin.delete("/api/v1/keys/" + id).status()).isEqualTo(204);

            assertRefused(() -> lambda.invoke(b -> b.functionName("greeter")), "UnrecognizedClientException");
            assertThat(new Api(server.url(), invokerKey).invoke("greeter", "{}").status()).isEqualTo(401);
        }
    }

    @Test
    void noKeySecretEverReachesTheLog() {
        key("logged", "deployer");
        assertThat(admin.get("/api/v1/keys").status()).isEqualTo(200);
        assertThat(new Api(server.url(), "NKAAAAAAAAAAAAAAAAAA." + "z".repeat(43)).get("/api/v1/keys").status())
                .isEqualTo(401);

        String log = server.output();
        assertThat(log).doesNotContain(NimbusProcess.ADMIN_SECRET).doesNotContain("z".repeat(43));
        secretsMade.forEach(secret -> assertThat(log).doesNotContain(secret));
    }

    @Test
    void theFirstStartPrintsAnAdminKeyOnceAndKeepsItForTheLocalCli(@TempDir Path fresh) throws Exception {
        String key;
        try (var first = NimbusProcess.startWithout(fresh)) {
            Path file = fresh.resolve("admin.key");
            key = Files.readString(file).strip();

            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(first.output()).contains("Nimbus created the first admin API key").contains(key);
            assertThat(first.output().indexOf(key)).isEqualTo(first.output().lastIndexOf(key));
            assertThat(new Api(first.url(), key).get("/api/v1/keys").status()).isEqualTo(200);
        }
        try (var second = NimbusProcess.startWithout(fresh)) {
            assertThat(second.output()).doesNotContain("first admin API key").doesNotContain(key);
            assertThat(new Api(second.url(), key).get("/api/v1/keys").status()).isEqualTo(200);
        }
    }

    @Test
    void withAuthenticationOffEverythingIsOpenAndTheServerSaysSo(@TempDir Path open) throws Exception {
        try (var laptop = NimbusProcess.startWithout(open, "auth.mode=off")) {
            var anonymous = new Api(laptop.url(), null);

            assertThat(anonymous.get("/api/v1/status").json().get("auth").asText()).isEqualTo("off");
            assertThat(anonymous.get("/api/v1/functions").status()).isEqualTo(200);
            assertThat(laptop.output()).contains("AUTHENTICATION IS OFF").doesNotContain("first admin API key");
            assertThat(open.resolve("admin.key")).doesNotExist();
        }
    }

    private static void assertRefused(Runnable call, String errorType) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType);
        });
    }
}
