package dev.nimbus.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryKey() throws IOException {
        Files.writeString(dir.resolve("nimbus.yaml"), """
                name: orders
                runtime: python3
                handler: app.handler
                memory: 256
                timeout: 30
                concurrency: 4
                description: Takes orders
                environment:
                  PORT: 8080
                  DEBUG: true
                  TABLE: orders
                code: target/orders.jar
                egress: true
                """);

        assertThat(ProjectFile.readFrom(dir)).isEqualTo(new DeploySettings("orders", "python3", "app.handler", 256, 30,
                Map.of("PORT", "8080", "DEBUG", "true", "TABLE", "orders"), "Takes orders", 4, "target/orders.jar", null,
                true));
    }

    @Test
    void readsTheScalingMapIntoTheDeployRequest() throws IOException {
        Files.writeString(dir.resolve("nimbus.yaml"), """
                runtime: python3
                scaling:
                  metric: rps
                  target: 20
                  targetUtilisation: 0.5
                  minInstances: 1
                """);

        DeploySettings settings = ProjectFile.readFrom(dir);

        assertThat(settings.toRequest("ab").toString()).isEqualTo("{\"runtime\":\"python3\",\"scaling\":{\"metric\":"
                + "\"rps\",\"target\":20,\"targetUtilisation\":0.5,\"minInstances\":1},\"codeSha256\":\"ab\"}");
        assertThat(DeploySettings.NONE.toRequest("ab").has("scaling")).isFalse();
    }

    @Test
    void scalingKeysAndValuesAreChecked() throws IOException {
        assertRejected("scaling: fast\n", "nimbus.yaml: scaling must be a map");
        assertRejected("scaling:\n  maxInstances: 3\n",
                "nimbus.yaml: unknown key 'scaling.maxInstances' (allowed: metric, target,");
        assertRejected("scaling:\n  minInstances: one\n", "nimbus.yaml: scaling.minInstances must be a number, was 'one'");
        assertRejected("scaling:\n  metric: 3\n", "nimbus.yaml: scaling.metric must be one of concurrency, rps");
    }

    @Test
    void missingOrEmptyFileGivesNothing() throws IOException {
        assertThat(ProjectFile.readFrom(dir)).isEqualTo(DeploySettings.NONE);
        Files.writeString(dir.resolve("nimbus.yaml"), "# nothing yet\n");
        assertThat(ProjectFile.readFrom(dir)).isEqualTo(DeploySettings.NONE);
    }

    @Test
    void wrongTypesNameTheKeyAndTheValue() throws IOException {
        assertRejected("memory: lots\n", "nimbus.yaml: memory must be a whole number of MB, was 'lots'");
        assertRejected("timeout: 1.5\n", "nimbus.yaml: timeout must be a whole number of seconds, was '1.5'");
        assertRejected("environment: [A, B]\n", "nimbus.yaml: environment must be a map of NAME: value");
        assertRejected("environment:\n  A:\n", "nimbus.yaml: environment.A must be a single value");
        assertRejected("- runtime\n", "nimbus.yaml must be a map of settings");
        assertRejected("runtime: [python3]\n", "nimbus.yaml: runtime must be a single value");
    }

    @Test
    void invalidYamlSaysWhere() throws IOException {
        assertRejected("runtime: python3\nhandler: [unclosed\n", "nimbus.yaml is not valid YAML (line ");
    }

    private void assertRejected(String yaml, String message) throws IOException {
        Files.writeString(dir.resolve("nimbus.yaml"), yaml);
        assertThatThrownBy(() -> ProjectFile.readFrom(dir)).isInstanceOf(BadSourceException.class)
                .hasMessageStartingWith(message);
    }
}
