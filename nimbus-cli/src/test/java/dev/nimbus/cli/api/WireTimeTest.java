package dev.nimbus.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireTimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsIsoTextAndEpochSeconds() throws Exception {
        assertThat(WireTime.parse(node("\"2025-05-01T10:00:00.5Z\""))).contains(Instant.parse("2025-05-01T10:00:00.5Z"));
        assertThat(WireTime.parse(node("1746093600.500000000"))).contains(Instant.parse("2025-05-01T10:00:00.5Z"));
        assertThat(WireTime.parse(node("1746093600"))).contains(Instant.parse("2025-05-01T10:00:00Z"));
    }

    @Test
    void anythingElseIsUnknown() throws Exception {
        assertThat(WireTime.parse(node("\"yesterday\""))).isEmpty();
        assertThat(WireTime.parse(node("null"))).isEmpty();
        assertThat(WireTime.parse(JSON.missingNode())).isEmpty();
    }

    private static JsonNode node(String json) throws Exception {
        return JSON.readTree(json);
    }
}
