package dev.nimbus.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TopCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void functionsShowDesiredAgainstActualWithCpuAsPercentOfACore() throws Exception {
        var doc = JSON.readTree("""
                {"functions":[{"function":"orders","desiredInstances":3,"actualInstances":2,"startingInstances":1,
                "inFlight":2,"queued":0,"throttles":4,"coldStarts":5,"cpu":0.755,"memoryBytes":31457280}]}""");

        String text = TopCommand.functions(doc);

        assertThat(text.lines().toList()).hasSize(2);
        assertThat(text.lines().toList().get(0)).startsWith("FUNCTION").contains("DESIRED", "ACTUAL", "THROTTLES");
        assertThat(text.lines().toList().get(1)).contains("orders", "76%", "30.0 MiB").endsWith("4");
    }

    @Test
    void instancesShowStateMemoryAndWhetherProvisioned() throws Exception {
        var doc = JSON.readTree("""
                {"instances":[{"version":"$LATEST","id":"ab12cd34","state":"busy","provisioned":true,"cpu":1.0,
                "memoryBytes":10485760,"peakMemoryBytes":20971520}]}""");

        assertThat(TopCommand.instances(doc)).contains("ab12cd34", "busy", "100%", "10.0 MiB", "20.0 MiB", "yes");
        assertThat(TopCommand.instances(JSON.readTree("{\"instances\":[]}"))).startsWith("No instances.");
    }
}
