package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets against a real server: in through the API, out only in an instance's environment. */
class SecretsIT {
    static final String VALUE = "correct horse battery staple 7f3a";
    static final String APP = """
            import os
            def handler(event, context):
                return os.environ["DB_PASSWORD"]
            """;

    @TempDir
    Path data;

    private static void deploy(Api api, String name, String reference, int status) {
        var response = api.deploy(name, Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler",
                "environment", Map.of("DB_PASSWORD", reference)));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }

    @Test
    void aSecretReachesTheInstanceAndIsNeverShownStoredOrLoggedInClear() throws Exception {
        String log;
        try (var server = NimbusProcess.start(data)) {
            var api = new Api(server.url());
            assertThat(api.putJson("/api/v1/secrets/db-password", Map.of("value", "old")).status()).isEqualTo(201);
            var replaced = api.putJson("/api/v1/secrets/db-password", Map.of("value", VALUE));
            assertThat(replaced.status()).isEqualTo(200);
            deploy(api, "reader", "${secret:db-password}", 201);

            assertThat(api.invoke("reader", "{}").body()).isEqualTo("\"" + VALUE + "\"");
            assertThat(api.get("/api/v1/functions/reader").body()).contains("${secret:db-password}").doesNotContain(VALUE);
            assertThat(replaced.body()).doesNotContain(VALUE);
            assertThat(api.get("/api/v1/secrets/db-password").body()).contains("updatedAt").doesNotContain(VALUE);
            assertThat(api.get("/api/v1/secrets").json().get("secrets").get(0).get("name").asText()).isEqualTo("db-password");
            var inUse = api.delete("/api/v1/secrets/db-password");
            assertThat(inUse.status()).isEqualTo(409);
            assertThat(inUse.body()).contains("reader");
            assertThat(api.delete("/api/v1/functions/reader").status()).isEqualTo(204);
            assertThat(api.delete("/api/v1/secrets/db-password").status()).isEqualTo(204);
            log = server.output();
        }
        assertThat(log).doesNotContain(VALUE);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(VALUE);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSecretGivenAsAFileIsReadableByTheInstanceOnlyAndLeavesNothingBehind() throws Exception {
        try (var server = NimbusProcess.start(data)) {
            var api = new Api(server.url());
            assertThat(api.putJson("/api/v1/secrets/tls-key", Map.of("value", VALUE)).status()).isEqualTo(201);
            var response = api.deploy("file-reader", Zips.of(Map.of("app.py", """
                    import os, stat
                    def handler(event, context):
                        path = os.environ["KEY_FILE"]
                        info = os.stat(path)
                        with open(path) as f:
                            value = f.read()
                        return {"path": path, "value": value, "mode": oct(stat.S_IMODE(info.st_mode)),
                                "mine": info.st_uid == os.getuid(),
                                "inEnvironment": any(value in v for v in os.environ.values())}
                    """)), Api.config("python3", "app.handler", "environment", Map.of("KEY_FILE", "${secretfile:tls-key}")));
            assertThat(response.status()).as(response.body()).isEqualTo(201);

            var read = api.invoke("file-reader", "{}").json();

            assertThat(read.get("value").asText()).isEqualTo(VALUE);
            assertThat(read.get("mode").asText()).isEqualTo("0o400");
            assertThat(read.get("mine").asBoolean()).isTrue();
            assertThat(read.get("inEnvironment").asBoolean()).isFalse();
            if (api.get("/api/v1/status").json().path("isolation").asText().equals("pid-namespace")) {
                assertThat(read.get("path").asText()).isEqualTo("/run/secrets/tls-key");
            }
            assertThat(api.get("/api/v1/functions/file-reader").body()).doesNotContain(VALUE);
            var inUse = api.delete("/api/v1/secrets/tls-key");
            assertThat(inUse.status()).as("a file reference counts as a use").isEqualTo(409);
            assertThat(api.delete("/api/v1/functions/file-reader").status()).isEqualTo(204);
            await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Stream<Path> shm = Files.walk(Path.of("/dev/shm"))) {
                    assertThat(shm.filter(p -> p.getFileName().toString().equals("tls-key")).toList())
                            .as("the instance's secret files are removed with it").isEmpty();
                }
            });
        }
    }

    @Test
    void unknownSecretsBadNamesAndOversizedValuesAreRefused() throws Exception {
        try (var server = NimbusProcess.start(data)) {
            var api = new Api(server.url());

            deploy(api, "reader", "${secret:nope}", 400);
            assertThat(api.putJson("/api/v1/secrets/bad%20name", Map.of("value", "x")).status()).isEqualTo(400);
            assertThat(api.putJson("/api/v1/secrets/big", Map.of("value", "x".repeat(33 * 1024))).status()).isEqualTo(400);
            assertThat(api.putJson("/api/v1/secrets/empty", Map.of()).status()).isEqualTo(400);
            assertThat(api.get("/api/v1/secrets/nope").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/secrets").json().get("secrets")).isEmpty();
        }
    }

    @Test
    void aServerWithAnotherMasterKeyCannotOpenTheSecrets(@TempDir Path keys) throws Exception {
        try (var server = NimbusProcess.start(data)) {
            new Api(server.url()).putJson("/api/v1/secrets/db-password", Map.of("value", VALUE));
        }
        Files.writeString(keys.resolve("other.key"), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        try (var server = NimbusProcess.start(data, "secrets.master-key-file=" + keys.resolve("other.key"))) {
            var api = new Api(server.url());
            deploy(api, "reader", "${secret:db-password}", 201);

            var invoked = api.invoke("reader", "{}");

            assertThat(invoked.body()).doesNotContain(VALUE);
            assertThat(invoked.status()).as(invoked.body()).isNotEqualTo(200);
        }
    }
}
