package dev.nimbus.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths under /ui are files, and how they are typed. */
class StaticFilesTest {
    private final StaticFiles files = StaticFiles.onClassPath();

    @Test
    void theIndexIsTheEmptyPathAndLoadsTheAppAsAModule() {
        var index = files.find("").orElseThrow();

        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(index.body(), StandardCharsets.UTF_8))
                .contains("<script type=\"module\" src=\"js/main.js\"></script>")
                .doesNotContain("<script>").doesNotContain("style=");
        assertThat(files.find("index.html").orElseThrow().etag()).isEqualTo(index.etag());
    }

    @Test
    void modulesStylesAndUplotFromItsWebjarHaveTheirTypes() {
        assertThat(files.find("js/main.js").orElseThrow().contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(files.find("js/views/functions.js")).isPresent();
        assertThat(files.find("app.css").orElseThrow().contentType()).isEqualTo("text/css; charset=utf-8");
        var uplot = files.find("vendor/uplot/uPlot.esm.js").orElseThrow();
        assertThat(uplot.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(new String(uplot.body(), StandardCharsets.UTF_8)).contains("export { uPlot as default }");
        assertThat(files.find("vendor/uplot/uPlot.min.css")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../index.html", "js/../index.html", "./index.html", "js/./main.js", ".hidden.js",
            "nope.js", "js/", "index.txt", "StaticFiles.class", "vendor/uplot/uPlot.iife.js", "vendor/uplot/../../app.css",
            "vendor/uplot/", "/etc/passwd", "js//main.js", "JS/main.js", "app.css/"})
    void anythingElseIsNotFound(String path) {
        assertThat(files.find(path)).isEmpty();
    }

    @Test
    void etagsDifferWithContent() {
        assertThat(files.find("app.css").orElseThrow().etag()).isNotEqualTo(files.find("js/main.js").orElseThrow().etag())
                .matches("\"[0-9a-f]{32}\"");
    }
}
