package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A Python function that appends each event it gets, as a JSON line, to the file named by its SEEN variable. */
final class Recorder {
    static final String APP = """
            import json, os
            def handler(event, context):
                with open(os.environ["SEEN"], "a") as seen:
                    seen.write(json.dumps(event) + "\\n")
            """;

    private Recorder() {
    }

    /** Deploys a recorder {@code name} writing to {@code dir/name}, starting no instance before its first event. */
    static void deploy(Api api, String name, Path dir) {
        var config = Api.config("python3", "app.handler", "environment", Map.of("SEEN", dir.resolve(name).toString()));
        config.put("scaling", Map.of("initialInstances", 0));
        var response = api.deploy(name, Zips.of(Map.of("app.py", APP)), config);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** The events recorder {@code name} got so far. */
    static List<JsonNode> seen(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(line -> {
                try {
                    return Api.JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
