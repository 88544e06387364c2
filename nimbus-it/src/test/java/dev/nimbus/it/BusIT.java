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

/** The event bus against a real server: CloudEvents in both modes and plain JSON, filters, bad input. */
class BusIT {
    @TempDir
    Path data;
    @TempDir
    Path work;

    private void deploy(Api api, String name) {
        Recorder.deploy(api, name, work);
    }

    private List<JsonNode> seen(String name) {
        return Recorder.seen(work, name);
    }

    @Test
    void publishedEventsReachTheSubscriptionsWhoseFiltersMatchOnce() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            deploy(api, "big-orders");
            deploy(api, "audit");
            assertThat(api.putJson("/api/v1/topics/orders", Map.of()).status()).isEqualTo(201);
            assertThat(api.putJson("/api/v1/topics/orders/subscriptions/big", Map.of("function", "big-orders",
                    "filter", Map.of("attributes", Map.of("type", Map.of("prefix", "order.")),
                            "data", Map.of("amount", Map.of("numeric", List.of(">", 100)))))).status()).isEqualTo(201);
            assertThat(api.putJson("/api/v1/topics/orders/subscriptions/all", Map.of("function", "audit")).status())
                    .isEqualTo(201);

            var binary = api.post("/api/v1/events?topic=orders", "{\"amount\": 150}", "ce-specversion", "1.0",
                    "ce-id", "o-1", "ce-source", "/shop", "ce-type", "order.created", "Content-Type", "application/json");
            var structured = api.post("/api/v1/events?topic=orders", """
                    {"specversion": "1.0", "id": "o-2", "source": "/shop", "type": "order.created",
                     "datacontenttype": "application/json", "data": {"amount": 50}}""",
                    "Content-Type", "application/cloudevents+json");
            var plain = api.post("/api/v1/events?topic=orders", "{\"amount\": 500}", "Content-Type", "application/json");
            var again = api.post("/api/v1/events?topic=orders", "{\"amount\": 150}", "ce-specversion", "1.0",
                    "ce-id", "o-1", "ce-source", "/shop", "ce-type", "order.created", "Content-Type", "application/json");

            assertThat(binary.status()).as(binary.body()).isEqualTo(202);
            assertThat(binary.json().get("deliveries")).hasSize(2);
            assertThat(structured.json().get("deliveries")).extracting(d -> d.get("subscription").asText())
                    .containsExactly("all");
            assertThat(plain.json().get("deliveries")).as("type nimbus.event is not an order.*").hasSize(1);
            assertThat(again.json().get("deliveries").get(0).get("eventId"))
                    .isEqualTo(binary.json().get("deliveries").get(0).get("eventId"));
            await().atMost(Duration.ofSeconds(20)).until(() -> seen("audit").size() >= 3 && seen("big-orders").size() >= 1);
            Thread.sleep(1000); // nothing more arrives: the republished event was delivered once
            assertThat(seen("audit")).hasSize(3);
            JsonNode big = seen("big-orders").getFirst();
            assertThat(seen("big-orders")).hasSize(1);
            assertThat(big.get("specversion").asText()).isEqualTo("1.0");
            assertThat(big.get("type").asText()).isEqualTo("order.created");
            assertThat(big.get("data").get("amount").asInt()).isEqualTo(150);
        }
    }

    @Test
    void aFunctionPublishesAnEventThatAnotherConsumes() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            deploy(api, "audit");
            assertThat(api.deploy("py-producer", Zips.of(Map.of("app.py", """
                    import nimbus
                    def handler(event, context):
                        return nimbus.publish("orders", {"amount": 999}, type="order.created")
                    """)), Api.config("python3", "app.handler")).status()).isEqualTo(201);
            assertThat(api.deploy("node-producer", Zips.of(Map.of("index.js", """
                    const nimbus = require('nimbus');
                    exports.handler = async () => nimbus.publish('orders', { amount: 7 }, { type: 'order.created' });
                    """)), Api.config("nodejs", "index.handler")).status()).isEqualTo(201);
            api.putJson("/api/v1/topics/orders", Map.of());
            api.putJson("/api/v1/topics/orders/subscriptions/from-functions", Map.of("function", "audit",
                    "filter", Map.of("attributes", Map.of("nimbusfunction", Map.of("exists", true)))));

            var python = api.invoke("py-producer", "{}");
            var node = api.invoke("node-producer", "{}");

            assertThat(python.status()).as(python.body()).isEqualTo(200);
            assertThat(python.json().get("deliveries")).hasSize(1);
            assertThat(node.status()).as(node.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen("audit").size() == 2);
            assertThat(seen("audit")).extracting(e -> e.get("nimbusfunction").asText())
                    .containsExactlyInAnyOrder("py-producer", "node-producer");
            assertThat(seen("audit")).extracting(e -> e.get("source").asText())
                    .contains("/nimbus/functions/py-producer");
            var forged = api.post("/api/v1/events?topic=orders", "{}", "Authorization", "Bearer py-producer.forged");
            assertThat(forged.status()).isEqualTo(401);
        }
    }

    @Test
    void malformedEventsUnknownTopicsAndBadFiltersAreRefusedWithTheReason() throws Exception {
        try (var server = NimbusProcess.start(data, "sandbox.writable-paths=" + work)) {
            var api = new Api(server.url());
            deploy(api, "audit");
            api.putJson("/api/v1/topics/orders", Map.of());

            var noId = api.post("/api/v1/events?topic=orders", "{}", "ce-specversion", "1.0", "ce-source", "/shop",
                    "ce-type", "t", "Content-Type", "application/json");
            var oldSpec = api.post("/api/v1/events?topic=orders", "{}", "ce-specversion", "0.3", "ce-id", "1",
                    "ce-source", "/shop", "ce-type", "t", "Content-Type", "application/json");
            var unknownTopic = api.post("/api/v1/events?topic=nowhere", "{}");
            var noTopic = api.post("/api/v1/events", "{}");
            var notJson = api.post("/api/v1/events?topic=orders", "not json");
            var badFilter = api.putJson("/api/v1/topics/orders/subscriptions/bad", Map.of("function", "audit",
                    "filter", Map.of("data", Map.of("amount", Map.of("numeric", List.of("~", 1))))));
            var big = api.post("/api/v1/events?topic=orders", new byte[1024 * 1024 + 1]);
            var spoofed = api.post("/api/v1/events?topic=orders", "{}", "ce-specversion", "1.0", "ce-id", "s",
                    "ce-source", "/x", "ce-type", "t", "ce-nimbusfunction", "billing", "Content-Type", "application/json");
            var brokenData = api.post("/api/v1/events?topic=orders", "oops", "ce-specversion", "1.0", "ce-id", "b",
                    "ce-source", "/x", "ce-type", "t", "Content-Type", "application/json");
            var trailing = api.post("/api/v1/events?topic=orders", "{} x");

            assertThat(noId.status()).isEqualTo(400);
            assertThat(oldSpec.status()).isEqualTo(400);
            assertThat(oldSpec.body()).contains("1.0");
            assertThat(unknownTopic.status()).isEqualTo(400);
            assertThat(unknownTopic.body()).contains("unknown topic");
            assertThat(noTopic.status()).isEqualTo(400);
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(badFilter.status()).isEqualTo(400);
            assertThat(badFilter.body()).contains("filter");
            assertThat(big.status()).isEqualTo(413);
            assertThat(spoofed.status()).isEqualTo(400);
            assertThat(spoofed.body()).contains("nimbusfunction");
            assertThat(brokenData.status()).isEqualTo(400);
            assertThat(brokenData.body()).contains("not valid JSON");
            assertThat(trailing.status()).isEqualTo(400);
            assertThat(api.get("/api/v1/topics/orders").json().get("subscriptions")).isEmpty();
            assertThat(api.delete("/api/v1/topics/orders").status()).isEqualTo(204);
            assertThat(api.get("/api/v1/topics/orders").status()).isEqualTo(404);
        }
    }
}
