package dev.nimbus.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aListShowsStatusAttemptsAndTheLastError() throws Exception {
        var doc = JSON.readTree("""
                {"events":[{"id":"e-1","status":"dead_lettered","attempts":3,"acceptedAt":"2026-11-26T10:00:00Z",
                "lastError":"ValueError: no such order"},{"id":"e-2","status":"delivered","attempts":0,
                "acceptedAt":"2026-11-26T10:00:01Z"}]}""");

        var lines = EventsCommand.table(doc).lines().toList();

        assertThat(lines.get(0)).startsWith("ID").contains("STATUS", "LAST ERROR");
        assertThat(lines.get(1)).contains("e-1", "dead_lettered", "3", "ValueError: no such order");
        assertThat(lines.get(0)).contains("FUNCTION");
        assertThat(lines.get(2)).contains("e-2", "delivered").endsWith("-");
        assertThat(EventsCommand.table(JSON.readTree("{\"events\":[]}"))).startsWith("No events.");
    }

    @Test
    void oneEventShowsWhenItIsTriedNext() throws Exception {
        var doc = JSON.readTree("""
                {"id":"e-1","function":"orders","qualifier":"live","status":"retrying","attempts":1,
                "acceptedAt":"2026-11-26T10:00:00Z","dueAt":"2026-11-26T10:00:20Z","lastError":"Sandbox.Timedout: x",
                "origin":"subscription:uploads/resize"}""");

        assertThat(EventsCommand.one(doc)).contains("orders:live", "retrying", "next attempt:", "2026-11-26T10:00:20Z",
                "last error:", "Sandbox.Timedout", "caused by:", "subscription:uploads/resize");
    }

    @Test
    void aDeliveryConfigurationShowsDashesForTheServersDefaults() throws Exception {
        var text = DeliveryCommand.text(JSON.readTree("{\"maxRetries\":0,\"deadLetter\":\"topic:dead\"}"));

        assertThat(text).contains("max retries:", "0", "dead letter:", "topic:dead");
        assertThat(text.lines().filter(l -> l.startsWith("on success:")).findFirst().orElseThrow()).endsWith("-");
    }
}
