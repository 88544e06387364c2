package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules against a real server: bad input is refused, and one real tick reaches the function. */
class ScheduleIT {
    static final String APP = """
            import json, os
            def handler(event, context):
                with open(os.environ["SEEN"], "a") as seen:
                    seen.write(json.dumps(event) + "\\n")
            """;

    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void aScheduleFiresItsFunctionWithAScheduledEventAndBadSchedulesAreRefused() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            Path seen = work.resolve("seen");
            var config = Api.config("python3", "app.handler", "environment", Map.of("SEEN", seen.toString()));
            assertThat(api.deploy("ticker", Zips.of(Map.of("app.py", APP)), config).status()).isEqualTo(201);

            assertThat(api.putJson("/api/v1/schedules/bad", Map.of("function", "ticker", "expression", "every minute"))
                    .status()).isEqualTo(400);
            assertThat(api.putJson("/api/v1/schedules/bad", Map.of("function", "ticker", "expression", "cron(0 12 * * ? *)",
                    "timeZone", "Mars/Olympus")).body()).contains("IANA time zone");
            assertThat(api.putJson("/api/v1/schedules/bad", Map.of("function", "nobody", "expression", "rate(1 minute)"))
                    .status()).isEqualTo(404);
            assertThat(api.putJson("/api/v1/schedules/bad", Map.of("function", "ticker", "expression", "rate(1 minute)",
                    "colour", "blue")).status()).isEqualTo(400);
            assertThat(api.get("/api/v1/schedules/bad").status()).isEqualTo(404);

            var created = api.putJson("/api/v1/schedules/every-minute",
                    Map.of("function", "ticker", "expression", "cron(* * * * ? *)", "timeZone", "Europe/Paris"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String firstTick = created.json().get("nextFireAt").asText();

            await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.exists(seen) && !Files.readAllLines(seen).isEmpty());
            JsonNode event = Api.JSON.readTree(Files.readAllLines(seen).getFirst());
            assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
            assertThat(event.get("source").asText()).isEqualTo("aws.events");
            assertThat(event.get("time").asText()).isEqualTo(firstTick.replaceAll("\\.\\d+Z$", "Z"));
            assertThat(event.get("resources").get(0).asText()).endsWith(":rule/every-minute");
            JsonNode schedule = api.get("/api/v1/schedules/every-minute").json();
            assertThat(schedule.get("lastFiredAt").asText()).isEqualTo(firstTick);
            assertThat(api.get("/api/v1/schedules").json().get("schedules")).hasSize(1);
            assertThat(api.delete("/api/v1/schedules/every-minute").status()).isEqualTo(204);
            assertThat(api.delete("/api/v1/schedules/every-minute").status()).isEqualTo(404);
        }
    }
}
