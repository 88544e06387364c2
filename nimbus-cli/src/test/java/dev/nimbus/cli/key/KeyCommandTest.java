package dev.nimbus.cli.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import dev.nimbus.cli.Shell;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCommandTest {

    @Test
    void createPrintsTheKeyOnceListShowsNoSecretAndDeleteSaysSoAllWithTheGivenKey() throws Exception {
        try (var server = new FakeNimbus()) {
            server.on("POST", "/api/v1/keys", 201, "{\"id\":\"NKAAAAAAAAAAAAAAAAAA\",\"name\":\"ci\",\"role\":\"deployer\","
                    + "\"namespace\":\"default\",\"createdAt\":\"2026-11-27T10:00:00Z\",\"key\":\"NKAAAAAAAAAAAAAAAAAA.secret\"}");
            server.on("GET", "/api/v1/keys", 200, "{\"keys\":[{\"id\":\"NKAAAAAAAAAAAAAAAAAA\",\"name\":\"ci\","
                    + "\"namespace\":\"default\",\"role\":\"deployer\",\"createdAt\":\"2026-11-27T10:00:00Z\"}]}");
            server.on("DELETE", "/api/v1/keys/NKAAAAAAAAAAAAAAAAAA", 204, null);
            var shell = Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_API_KEY", "NKADMIN.admin-secret"));

            CliRun created = CliRun.run(shell, "key", "create", "ci", "--role", "deployer");
            CliRun listed = CliRun.run(shell, "key", "list");
            CliRun deleted = CliRun.run(shell, "key", "delete", "NKAAAAAAAAAAAAAAAAAA");

            assertThat(created.exitCode()).isZero();
            assertThat(created.out()).contains("created deployer key NKAAAAAAAAAAAAAAAAAA (ci) in namespace default;",
                    "NKAAAAAAAAAAAAAAAAAA.secret");
            assertThat(server.requests().getFirst().text()).isEqualTo("{\"name\":\"ci\",\"role\":\"deployer\"}");
            assertThat(listed.out()).contains("ID", "NAMESPACE", "ROLE", "NKAAAAAAAAAAAAAAAAAA", "default", "deployer");
            assertThat(deleted.out()).contains("deleted key NKAAAAAAAAAAAAAAAAAA");
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization"))
                    .isEqualTo("Bearer NKADMIN.admin-secret"));
        }
    }

    @Test
    void keysOfAnotherNamespaceShowItInTheTableTheMessageAndTheJson() throws Exception {
        String key = "{\"id\":\"NKBBBBBBBBBBBBBBBBBB\",\"name\":\"ci\",\"role\":\"deployer\",\"namespace\":\"team-a\","
                + "\"createdAt\":\"2026-11-27T10:00:00Z\"}";
        try (var server = new FakeNimbus()) {
            server.on("POST", "/api/v1/keys", 201, key.replace("}", ",\"key\":\"NKBBBBBBBBBBBBBBBBBB.secret\"}"));
            server.on("GET", "/api/v1/keys", 200, "{\"keys\":[" + key + "]}");
            var shell = Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_API_KEY", "NKADMIN.admin-secret"));

            CliRun created = CliRun.run(shell, "--namespace", "team-a", "key", "create", "ci", "--role", "deployer");
            CliRun listed = CliRun.run(shell, "--namespace", "team-a", "key", "list");
            CliRun json = CliRun.run(shell, "--namespace", "team-a", "key", "list", "-o", "json");

            assertThat(created.out()).startsWith("created deployer key NKBBBBBBBBBBBBBBBBBB (ci) in namespace team-a;");
            assertThat(listed.out()).isEqualTo(""
                    + "ID                    NAME  NAMESPACE  ROLE      CREATED" + System.lineSeparator()
                    + "NKBBBBBBBBBBBBBBBBBB  ci    team-a     deployer  2026-11-27T10:00:00Z" + System.lineSeparator());
            assertThat(json.out()).contains("\"namespace\" : \"team-a\"");
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("X-Nimbus-Namespace")).isEqualTo("team-a"));
        }
    }

    @Test
    void keysFromAServerWithoutNamespacesShowADash() throws Exception {
        try (var server = new FakeNimbus()) {
            server.on("GET", "/api/v1/keys", 200, "{\"keys\":[{\"id\":\"NKC\",\"name\":\"ci\",\"role\":\"admin\","
                    + "\"createdAt\":\"2026-11-27T10:00:00Z\"}]}");

            assertThat(CliRun.run(server, "key", "list").out()).contains("NKC  ci    -          admin");
        }
    }
}
