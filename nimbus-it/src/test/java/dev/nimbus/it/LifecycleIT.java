package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a restart, what never survives the server, and idle instances stopping. */
class LifecycleIT {
    static final String APP = """
            import os, subprocess
            def handler(event, context):
                if event.get("spawn"):
                    subprocess.Popen(["sleep", "300"])
                return {"pid": os.getpid()}
            """;

    @TempDir
    Path data;

    @Test
    void restartKeepsEveryDeployedFunction() throws Exception {
        try (var server = NimbusProcess.start(data)) {
            var api = new Api(server.url());
            api.deploy("keep-a", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
            api.deploy("keep-b", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler", "memoryMb", 512));
            api.deploy("keep-b", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler", "memoryMb", 512));
        }
        try (var server = NimbusProcess.start(data)) {
            var api = new Api(server.url());
            var list = api.get("/api/v1/functions").json().get("functions");
            assertThat(list).hasSize(2);
            assertThat(list.get(1).get("name").asText()).isEqualTo("keep-b");
            assertThat(list.get(1).get("revision").asLong()).isEqualTo(2);
            assertThat(list.get(1).get("memoryMb").asInt()).isEqualTo(512);
            assertThat(api.invoke("keep-a", "{}").status()).isEqualTo(200);
        }
    }

    /**
     * With bubblewrap every instance has its own PID namespace, so even a background process the
     * function started dies with the server. Without it (a machine without bwrap) only the runtime
     * process is guaranteed to die, which the server states at start; the test then checks that.
     */
    @Test
    void killingTheServerLeavesNoInstanceProcessBehind() throws Exception {
        var server = NimbusProcess.start(data);
        var api = new Api(server.url());
        boolean contained = api.get("/api/v1/status").json().get("isolation").asText().equals("pid-namespace");
        api.deploy("orphan-check", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
        assertThat(api.invoke("orphan-check", "{\"spawn\": " + contained + "}").status()).isEqualTo(200);
        assertThat(Orphans.of("orphan-check")).isNotEmpty();

        server.kill9();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Orphans.of("orphan-check")).isEmpty());
    }

    @Test
    void stoppingTheServerStopsEveryInstance() throws Exception {
        var server = NimbusProcess.start(data);
        var api = new Api(server.url());
        api.deploy("stop-check", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
        assertThat(api.invoke("stop-check", "{\"spawn\": true}").status()).isEqualTo(200);

        server.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Orphans.of("stop-check")).isEmpty());
    }

    @Test
    void aSecondServerOnTheSamePortExitsWithAClearError(@TempDir Path other) throws Exception {
        try (var server = NimbusProcess.start(data)) {
            String port = server.url().substring(server.url().lastIndexOf(':') + 1);
            Process second = new ProcessBuilder(NimbusProcess.javaBin(), "-jar", System.getProperty("nimbus.server.jar"),
                    "server", "--port", port, "--data-dir", other.toString()).redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(second.waitFor()).isEqualTo(1);
            assertThat(output).contains("error: cannot listen on 127.0.0.1:" + port);
            assertThat(new Api(server.url()).get("/api/v1/status").status()).isEqualTo(200);
        }
    }

    @Test
    void deletingAFunctionStopsItsInstancesAndForgetsIt() throws Exception {
        try (var server = NimbusProcess.start(data)) {
            var api = new Api(server.url());
            api.deploy("gone", Zips.of(Map.of("app.py", APP)), Api.config("python3", "app.handler"));
            assertThat(api.invoke("gone", "{}").status()).isEqualTo(200);

            assertThat(api.delete("/api/v1/functions/gone").status()).isEqualTo(204);

            assertThat(api.get("/api/v1/functions/gone").status()).isEqualTo(404);
            assertThat(api.invoke("gone", "{}").status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Orphans.of("gone")).isEmpty());
        }
    }
}
