package dev.nimbus.cli.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code nimbus.yaml}, the optional deploy settings kept beside a function's code:
 *
 * <pre>
 * name: orders
 * runtime: python3
 * handler: app.handler
 * memory: 256          # MB
 * timeout: 10          # seconds
 * concurrency: 20
 * description: Takes orders
 * environment:
 *   TABLE: orders
 * code: target/orders.jar  # optional: deploy this .zip, .jar or directory instead
 * scaling:             # optional; any of the native API's scaling fields
 *   metric: rps
 *   target: 20
 *   minInstances: 1
 * </pre>
 *
 * Unknown keys and values of the wrong type are rejected with the key and the value, so a typo
 * such as {@code memroy} does not silently deploy the default. Ranges are the server's to check.
 */
final class ProjectFile {
    static final String FILE_NAME = "nimbus.yaml";
    private static final List<String> KEYS =
            List.of("name", "runtime", "handler", "memory", "timeout", "environment", "description", "concurrency",
                    "code", "scaling", "egress");
    private static final List<String> SCALING_KEYS = List.of("metric", "target", "targetUtilisation",
            "stableWindowSeconds", "panicWindowPercent", "panicThreshold", "maxScaleUpRate", "maxScaleDownRate",
            "scaleDownDelaySeconds", "scaleToZeroGraceSeconds", "minInstances", "initialInstances");
    private static final YAMLMapper YAML = new YAMLMapper();

    private ProjectFile() {
    }

    /** The settings in {@code directory/nimbus.yaml}, or {@link DeploySettings#NONE} when there is none. */
    static DeploySettings readFrom(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return DeploySettings.NONE;
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadSourceException(FILE_NAME + " is not valid YAML" + (line > 0 ? " (line " + line + ")" : "")
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new BadSourceException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(root);
    }

    static DeploySettings parse(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return DeploySettings.NONE;
        }
        if (!root.isObject()) {
            throw new BadSourceException(FILE_NAME + " must be a map of settings such as 'runtime: python3'");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new BadSourceException(FILE_NAME + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", KEYS) + ")");
            }
        });
        return new DeploySettings(
                text(root, "name"),
                text(root, "runtime"),
                text(root, "handler"),
                whole(root, "memory", "a whole number of MB"),
                whole(root, "timeout", "a whole number of seconds"),
                environment(root.get("environment")),
                text(root, "description"),
                whole(root, "concurrency", "a whole number"),
                text(root, "code"),
                scaling(root.get("scaling")),
                bool(root, "egress"));
    }

    private static Boolean bool(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new BadSourceException(FILE_NAME + ": " + key + " must be true or false, was " + value);
        }
        return value.asBoolean();
    }

    private static String text(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new BadSourceException(FILE_NAME + ": " + key + " must be a single value, was " + value);
        }
        return value.asText();
    }

    private static Integer whole(JsonNode root, String key, String expected) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadSourceException(FILE_NAME + ": " + key + " must be " + expected + ", was '"
                    + (value.isValueNode() ? value.asText() : value.toString()) + "'");
        }
        return value.intValue();
    }

    /** The scaling map with its keys checked; the metric is text, every other value a number. */
    static ObjectNode scaling(JsonNode scaling) {
        if (scaling == null || scaling.isNull()) {
            return null;
        }
        if (!scaling.isObject()) {
            throw new BadSourceException(FILE_NAME + ": scaling must be a map such as 'minInstances: 1'");
        }
        scaling.properties().forEach(e -> {
            String key = e.getKey();
            if (!SCALING_KEYS.contains(key)) {
                throw new BadSourceException(FILE_NAME + ": unknown key 'scaling." + key + "' (allowed: "
                        + String.join(", ", SCALING_KEYS) + (key.equals("maxInstances") ? "; the ceiling is concurrency" : "")
                        + ")");
            }
            boolean ok = key.equals("metric") ? e.getValue().isTextual() : e.getValue().isNumber();
            if (!ok) {
                throw new BadSourceException(FILE_NAME + ": scaling." + key + " must be "
                        + (key.equals("metric") ? "one of concurrency, rps, cpu, memory" : "a number") + ", was '"
                        + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()) + "'");
            }
        });
        return (ObjectNode) scaling.deepCopy();
    }

    private static Map<String, String> environment(JsonNode env) {
        Map<String, String> result = new LinkedHashMap<>();
        if (env == null || env.isNull()) {
            return result;
        }
        if (!env.isObject()) {
            throw new BadSourceException(FILE_NAME + ": environment must be a map of NAME: value");
        }
        env.properties().forEach(e -> {
            if (e.getValue().isNull() || !e.getValue().isValueNode()) {
                throw new BadSourceException(FILE_NAME + ": environment." + e.getKey()
                        + " must be a single value (quote it if needed)");
            }
            result.put(e.getKey(), e.getValue().asText());
        });
        return result;
    }
}
