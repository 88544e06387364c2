package dev.nimbus.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpMetersTest {

    @ParameterizedTest
    @CsvSource({"/api/v1/functions, api", "/fn/orders/x, fn", "/2015-03-31/functions/f/invocations, lambda",
            "/metrics, metrics", "/ui/, ui", "/anything-a-client-makes-up, other", "/, other", "'', other",
            "/s3, s3"})
    void aRequestCountsUnderOneOfAFixedSetOfSurfaces(String path, String surface) {
        assertThat(HttpMeters.surface(path)).isEqualTo(surface);
    }

    @ParameterizedTest
    @CsvSource({"GET, GET", "PROPFIND, OTHER", "get, OTHER"})
    void unusualMethodsShareOneSeries(String method, String counted) {
        assertThat(HttpMeters.method(method)).isEqualTo(counted);
    }
}
