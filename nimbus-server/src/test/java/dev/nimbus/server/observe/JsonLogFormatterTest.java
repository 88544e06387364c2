package dev.nimbus.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    @Test
    void oneJsonObjectPerLineWithTheMessageItsParametersAndTheError() throws IOException {
        var record = new LogRecord(Level.WARNING, "instance {0} failed: \"{1}\"\nsecond line");
        record.setParameters(new Object[]{"i-1", "boom"});
        record.setLoggerName("dev.nimbus.test");
        record.setThrown(new IOException("disk full"));

        String line = new JsonLogFormatter().format(record);

        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        var json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARNING");
        assertThat(json.get("logger").asText()).isEqualTo("dev.nimbus.test");
        assertThat(json.get("message").asText()).isEqualTo("instance i-1 failed: \"boom\"\nsecond line");
        assertThat(json.get("error").asText()).startsWith("java.io.IOException: disk full");
        assertThat(json.get("time").asText()).isEqualTo(record.getInstant().toString());
    }
}
