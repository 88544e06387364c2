package dev.nimbus.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nimbus.core.function.Metric;
import dev.nimbus.core.function.ScalingSpec;
import dev.nimbus.core.function.ValidationException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code function_revisions.scaling}: a {@link ScalingSpec} as a JSON object, durations in whole
 * seconds. {@code maxInstances} is not stored: it is always the revision's concurrency.
 */
final class ScalingJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScalingJson() {
    }

    static String write(ScalingSpec s) {
        ObjectNode o = JSON.createObjectNode()
                .put("metric", s.metric().name().toLowerCase(Locale.ROOT))
                .put("target", s.target())
                .put("targetUtilisation", s.targetUtilisation())
                .put("stableWindowSeconds", s.stableWindow().getSeconds())
                .put("panicWindowPercent", s.panicWindowPercent())
                .put("panicThreshold", s.panicThreshold())
                .put("maxScaleUpRate", s.maxScaleUpRate())
                .put("maxScaleDownRate", s.maxScaleDownRate())
                .put("scaleDownDelaySeconds", s.scaleDownDelay().getSeconds())
                .put("scaleToZeroGraceSeconds", s.scaleToZeroGrace().getSeconds())
                .put("minInstances", s.minInstances())
                .put("initialInstances", s.initialInstances());
        return o.toString();
    }

    /** The stored spec with {@code maxInstances} set to {@code concurrency}; null text gives the defaults. */
    static ScalingSpec read(String text, int concurrency) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            JsonNode o = JSON.readTree(text);
            Metric metric = Metric.valueOf(o.required("metric").asText().toUpperCase(Locale.ROOT));
            return ScalingSpec.builder(metric)
                    .maxInstances(concurrency)
                    .target(o.required("target").asDouble())
                    .targetUtilisation(o.required("targetUtilisation").asDouble())
                    .stableWindow(Duration.ofSeconds(o.required("stableWindowSeconds").asLong()))
                    .panicWindowPercent(o.required("panicWindowPercent").asInt())
                    .panicThreshold(o.required("panicThreshold").asDouble())
                    .maxScaleUpRate(o.required("maxScaleUpRate").asDouble())
                    .maxScaleDownRate(o.required("maxScaleDownRate").asDouble())
                    .scaleDownDelay(Duration.ofSeconds(o.required("scaleDownDelaySeconds").asLong()))
                    .scaleToZeroGrace(Duration.ofSeconds(o.required("scaleToZeroGraceSeconds").asLong()))
                    .minInstances(o.required("minInstances").asInt())
                    .initialInstances(o.required("initialInstances").asInt())
                    .build();
        } catch (JsonProcessingException | IllegalArgumentException | ValidationException e) {
            throw new SQLException("function_revisions.scaling is not a valid scaling object: " + e.getMessage(), e);
        }
    }
}
