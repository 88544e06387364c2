package dev.nimbus.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTextTest {
    static final String EXPOSITION = """
            # HELP jvm_threads_live_threads live threads
            # TYPE jvm_threads_live_threads gauge
            jvm_threads_live_threads 42.0
            # HELP nimbus_invocations_total Invocations by how they ended
            # TYPE nimbus_invocations_total counter
            nimbus_invocations_total{function="mine",outcome="success",trigger="api",version="$LATEST"} 3.0
            nimbus_invocations_total{function="theirs",outcome="success",trigger="api",version="$LATEST"} 5.0
            nimbus_invocations_total{function="mine-too",outcome="success",trigger="api",version="$LATEST"} 1.0
            nimbus_http_server_requests_seconds_count{method="GET",status="2xx",surface="api"} 9
            nimbus_x{other_function="mine"} 1.0
            """;

    @Test
    void aNamespaceSeesOnlyItsOwnFunctionsSamples() {
        String seen = MetricsText.only(EXPOSITION, Set.of("mine", "mine-too")::contains);

        assertThat(seen).contains("function=\"mine\"").contains("function=\"mine-too\"")
                .contains("# TYPE nimbus_invocations_total counter")
                .doesNotContain("theirs").doesNotContain("jvm_").doesNotContain("http_server")
                .doesNotContain("other_function");
    }
}
