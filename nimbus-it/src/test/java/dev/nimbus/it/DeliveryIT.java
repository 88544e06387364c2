package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery configurations against a real server: destinations for successes and failures, the
 * dead-letter topic, a subscription's own policy, and the configurations refused.
 */
class DeliveryIT {
    /** Fails for an event with "fail": true, else answers with what it got. */
    static final String FLAKY = """
            def handler(event, context):
                if event.get("fail") or event.get("data", {}).get("fail"):
                    raise ValueError("asked to fail")
                return {"ok": True}
            """;

    @TempDir
    Path data;
    @TempDir
    Path work;

    private void deployRecorder(Api api, String name) {
        Recorder.deploy(api, name, work);
    }

    private void deployFlaky(Api api) {
        var config = Api.config("python3", "app.handler");
        config.put("scaling", Map.of("initialInstances", 0));
        assertThat(api.deploy("flaky", Zips.of(Map.of("app.py", FLAKY)), config).status()).isEqualTo(201);
    }

    private List<JsonNode> seen(String name) {
        return Recorder.seen(work, name);
    }

    @Test
    void outcomesReachTheirDestinationsAndTheDeadLetterTopic() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            deployFlaky(api);
            deployRecorder(api, "audit");
            deployRecorder(api, "dead-letters");
            api.putJson("/api/v1/topics/dead", Map.of());
            api.putJson("/api/v1/topics/dead/subscriptions/keep", Map.of("function", "dead-letters"));
            var put = api.putJson("/api/v1/functions/flaky/delivery", Map.of("maxRetries", 0,
                    "onSuccess", "function:audit", "onFailure", "function:audit", "deadLetter", "topic:dead"));
            assertThat(put.status()).as(put.body()).isEqualTo(201);
            assertThat(api.get("/api/v1/functions/flaky/delivery").json().get("deadLetter").asText())
                    .isEqualTo("topic:dead");

            String ok = api.post("/api/v1/functions/flaky/async", "{\"n\": 1}").json().get("id").asText();
            String failed = api.post("/api/v1/functions/flaky/async", "{\"fail\": true}").json().get("id").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> seen("audit").size() == 2 && seen("dead-letters").size() == 1);
            JsonNode success = seen("audit").stream()
                    .filter(r -> r.at("/requestContext/condition").asText().equals("Success")).findFirst().orElseThrow();
            assertThat(success.at("/requestContext/requestId").asText()).isEqualTo(ok);
            assertThat(success.at("/requestContext/functionArn").asText()).endsWith(":function:flaky:$LATEST");
            assertThat(success.at("/requestPayload/n").asInt()).isEqualTo(1);
            assertThat(success.at("/responsePayload/ok").asBoolean()).isTrue();
            JsonNode failure = seen("audit").stream()
                    .filter(r -> r.at("/requestContext/condition").asText().equals("RetriesExhausted")).findFirst()
                    .orElseThrow();
            assertThat(failure.at("/requestContext/requestId").asText()).isEqualTo(failed);
            assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).as("maxRetries 0").isEqualTo(1);
            assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
            assertThat(failure.at("/responsePayload/errorMessage").asText()).isEqualTo("asked to fail");
            JsonNode dead = seen("dead-letters").getFirst();
            assertThat(dead.get("type").asText()).isEqualTo("nimbus.deadletter");
            assertThat(dead.get("requestid").asText()).isEqualTo(failed);
            assertThat(dead.get("data").get("fail").asBoolean()).isTrue();
            assertThat(api.get("/api/v1/async/" + failed).json().get("status").asText()).isEqualTo("dead_lettered");

            assertThat(api.delete("/api/v1/functions/flaky/delivery").status()).isEqualTo(204);
            assertThat(api.get("/api/v1/functions/flaky/delivery").status()).isEqualTo(404);
        }
    }

    @Test
    void aSubscriptionsOwnPolicyAppliesToTheEventsItCauses() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            deployFlaky(api);
            deployRecorder(api, "audit");
            api.putJson("/api/v1/topics/jobs", Map.of());
            var subscribe = api.putJson("/api/v1/topics/jobs/subscriptions/run", Map.of("function", "flaky",
                    "delivery", Map.of("maxRetries", 0, "onFailure", "function:audit")));
            assertThat(subscribe.status()).as(subscribe.body()).isEqualTo(201);
            assertThat(subscribe.json().at("/delivery/onFailure").asText()).isEqualTo("function:audit");

            api.post("/api/v1/events?topic=jobs", "{\"fail\": true}", "Content-Type", "application/json");

            await().atMost(Duration.ofSeconds(30)).until(() -> seen("audit").size() == 1);
            JsonNode record = seen("audit").getFirst();
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(record.at("/requestPayload/type").asText()).as("the CloudEvent").isEqualTo("nimbus.event");
            JsonNode events = api.get("/api/v1/topics/jobs/subscriptions/run/events").json().get("events");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("status").asText()).isEqualTo("dead_lettered");
            assertThat(events.get(0).get("origin").asText()).isEqualTo("subscription:jobs/run");
        }
    }

    @Test
    void configurationsThatCannotWorkAreRefusedWithTheReason() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            deployFlaky(api);
            String path = "/api/v1/functions/flaky/delivery";

            var self = api.putJson(path, Map.of("onFailure", "function:flaky"));
            var unknownTopic = api.putJson(path, Map.of("deadLetter", "topic:nowhere"));
            var unknownFunction = api.putJson(path, Map.of("onSuccess", "function:nobody"));
            var tooManyRetries = api.putJson(path, Map.of("maxRetries", 5));
            var tooOld = api.putJson(path, Map.of("maxAgeSeconds", 30));
            var deadFunction = api.putJson(path, Map.of("deadLetter", "function:flaky"));
            var empty = api.putJson(path, Map.of());
            var unknownField = api.putJson(path, Map.of("retries", 1));
            var badDestination = api.putJson(path, Map.of("onSuccess", "queue:x"));
            var unknownQualifier = api.putJson(path + "?qualifier=nope", Map.of("maxRetries", 1));

            assertThat(self.status()).as(self.body()).isEqualTo(400);
            assertThat(self.body()).contains("its own destination");
            assertThat(unknownTopic.status()).isEqualTo(404);
            assertThat(unknownTopic.body()).contains("nowhere");
            assertThat(unknownFunction.status()).isEqualTo(404);
            assertThat(tooManyRetries.status()).isEqualTo(400);
            assertThat(tooManyRetries.body()).contains("maxRetries");
            assertThat(tooOld.status()).isEqualTo(400);
            assertThat(deadFunction.status()).isEqualTo(400);
            assertThat(deadFunction.body()).contains("deadLetter");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(badDestination.status()).isEqualTo(400);
            assertThat(badDestination.body()).contains("function:NAME");
            assertThat(unknownQualifier.status()).isEqualTo(404);
            assertThat(api.get(path).status()).as("nothing was stored").isEqualTo(404);
        }
    }
}
