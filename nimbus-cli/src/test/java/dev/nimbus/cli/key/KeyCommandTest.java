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
                    + "\"createdAt\":\"2026-11-27T10:00:00Z\",\"key\":\"NKAAAAAAAAAAAAAAAAAA.secret\"}");
            server.on("GET", "/api/v1/keys", 200, "{\"keys\":[{\"id\":\"NKAAAAAAAAAAAAAAAAAA\",\"name\":\"ci\","
                    + "\"role\":\"deployer\",\"createdAt\":\"2026-11-27T10:00:00Z\"}]}");
            server.on("DELETE", "/api/v1/keys/NKAAAAAAAAAAAAAAAAAA", 204, null);
            var shell = Shell.of(Map.of("NIMBUS_URL", server.url(), "NIMBUS_API_KEY", "NKADMIN.admin-secret"));

            CliRun created = CliRun.run(shell, "key", "create", "ci", "--role", "deployer");
            CliRun listed = CliRun.run(shell, "key", "list");
            CliRun deleted = CliRun.run(shell, "key", "delete", "NKAAAAAAAAAAAAAAAAAA");

            assertThat(created.exitCode()).isZero();
            assertThat(created.out()).contains("created deployer key NKAAAAAAAAAAAAAAAAAA (ci)",
                    "NKAAAAAAAAAAAAAAAAAA.secret");
            assertThat(server.requests().getFirst().text()).isEqualTo("{\"name\":\"ci\",\"role\":\"deployer\"}");
            assertThat(listed.out()).contains("ID", "ROLE", "NKAAAAAAAAAAAAAAAAAA", "deployer");
            assertThat(deleted.out()).contains("deleted key NKAAAAAAAAAAAAAAAAAA");
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Authorization"))
                    .isEqualTo("Bearer NKADMIN.admin-secret"));
        }
    }
}
