package dev.nimbus.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.DeployRequest;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.LastUpdate;
import dev.nimbus.core.function.Runtime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code scaling} object and {@code lastUpdate} as the native API reads and writes them. */
class ScalingBodiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonBodies json = new JsonBodies(MAPPER);

    @Test
    void readsScalingFieldsAndRefusesUnknownOnesIncludingMaxInstances() {
        DeployRequest r = read("{\"scaling\":{\"metric\":\"Rps\",\"target\":20,\"minInstances\":1}}");
        assertThat(r.scaling().metric()).isEqualTo("Rps");
        assertThat(r.scaling().target()).isEqualTo(20.0);
        assertThat(r.scaling().stableWindowSeconds()).isNull();

        assertThatThrownBy(() -> read("{\"scaling\":{\"maxInstances\":5}}")).isInstanceOf(ApiException.class)
                .hasMessageContaining("unknown field 'maxInstances'").hasMessageContaining("initialInstances");
        assertThatThrownBy(() -> read("{\"scaling\":{\"target\":\"high\"}}")).isInstanceOf(ApiException.class)
                .hasMessage("scaling.target has the wrong type");
    }

    @Test
    void aViewShowsTheEffectiveScalingWithMaxInstancesAndTheLastUpdate() throws Exception {
        var config = FunctionConfig.of(Runtime.PYTHON3, "app.handler");
        var r = new FunctionRevision("orders", 2, config, "a".repeat(64), 10, Instant.EPOCH, "rev", "$LATEST");
        var failed = LastUpdate.failed("Runtime.ExitError", "exit status 1", Instant.parse("2026-01-01T00:00:00Z"));

        JsonNode latest = MAPPER.readTree(json.write(FunctionView.of(r, null, failed)));
        JsonNode version = MAPPER.readTree(json.write(FunctionView.of(r, null, null)));

        assertThat(latest.path("scaling").path("metric").asText()).isEqualTo("concurrency");
        assertThat(latest.path("scaling").path("maxInstances").asInt()).isEqualTo(100);
        assertThat(latest.path("scaling").path("stableWindowSeconds").asInt()).isEqualTo(60);
        assertThat(latest.path("lastUpdate").toString()).isEqualTo("{\"status\":\"Failed\","
                + "\"reason\":\"Runtime.ExitError: exit status 1\",\"at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(version.has("lastUpdate")).isFalse();
    }

    private DeployRequest read(String body) {
        return json.read(body.getBytes(StandardCharsets.UTF_8), DeployRequest.class);
    }
}
