package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web dashboard at /ui in Debian's Chromium against a real server with real functions: sign
 * in, deploy from a zip, invoke with logs, charts with data, an alias's weight, a dead letter
 * redriven, and every main page at 1280×800 and on a 390×844 phone without sideways scrolling.
 * Screenshots land in target/screenshots.
 */
class DashboardIT {
    static final String APP = """
            import os
            def handler(event, context):
                print("handled", event.get("n"))
                return {"ok": True, "n": event.get("n")}
            def flaky(event, context):
                if not os.path.exists(os.environ["MARKER"]):
                    raise RuntimeError("the marker file is not there yet")
                return {"redriven": True}
            """;
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static NimbusProcess server;
    static Api api;
    static Chromium chromium;
    /** What the pages reported that a user would not want: script errors and refusals by the CSP. */
    final List<String> problems = new CopyOnWriteArrayList<>();
    BrowserContext context;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.launch();
        server = NimbusProcess.start(data, "sandbox.writable-paths=" + work);
        api = new Api(server.url());
        Files.createDirectories(SCREENSHOTS);
        byte[] zip = Zips.of(Map.of("app.py", APP));
        deployed(api.deploy("canary", zip, Api.config("python3", "app.handler", "description", "first")));
        assertThat(api.post("/api/v1/functions/canary/versions", "{}").status()).isEqualTo(201);
        assertThat(api.putJson("/api/v1/functions/canary", Map.of("description", "second")).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/functions/canary/versions", "{}").status()).isEqualTo(201);
        assertThat(api.putJson("/api/v1/functions/canary/aliases/live", Map.of("version", "1")).status()).isEqualTo(201);
        deployed(api.deploy("flaky", zip, Api.config("python3", "app.flaky",
                "environment", Map.of("MARKER", work.resolve("flaky.ok").toString()))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
        assertThat(problems).as("script errors and Content-Security-Policy refusals in the pages").isEmpty();
    }

    private static void deployed(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** A page in a fresh browser context (its own sessionStorage) of the given viewport. */
    private Page page(int width, int height, boolean phone) {
        context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setIsMobile(phone).setHasTouch(phone));
        Page page = context.newPage();
        page.onPageError(error -> problems.add("page error: " + error));
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy") || m.text().contains("Refused to")) {
                problems.add(m.text());
            }
        });
        return page;
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static LocatorAssertions.ContainsTextOptions within(Duration d) {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(d.toMillis());
    }

    private void signIn(Page page) {
        page.navigate(server.url() + "/ui/");
        page.locator("#api-key").fill(NimbusProcess.ADMIN_KEY);
        page.locator("#signin-submit").click();
        expect(page.locator("h1")).containsText("Functions");
    }

    /** A chart's number attribute, 0 while the chart has no data yet. */
    private static int attribute(Locator chart, String name) {
        String value = chart.getAttribute(name);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** Sends HEAD then GET on one kept-alive connection; the status line of the second answer. */
    private static String headThenGetOnOneConnection(String path) throws IOException {
        URI url = URI.create(server.url());
        try (var socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            socket.getOutputStream().write(("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            while (!in.readLine().isEmpty()) {
                // the HEAD answer's status line and headers
            }
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void theFilesArePublicWithSecurityHeadersAndNothingElseUnderUiIs() throws Exception {
        var http = HttpClient.newHttpClient();
        HttpResponse<String> index = get(http, "/ui/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(index.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = index.headers().firstValue("ETag").orElseThrow();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ui/")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ui/app.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(head.headers().firstValueAsLong("Content-Length")).as("the length a GET would have")
                .hasValue(get(http, "/ui/app.css").body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(headThenGetOnOneConnection("/ui/app.css")).as("no body after a HEAD answer on the connection")
                .isEqualTo("HTTP/1.1 200 OK");

        HttpResponse<String> bare = get(http, "/ui");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/ui/");
        assertThat(get(http, "/ui/js/main.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        HttpResponse<String> uplot = get(http, "/ui/vendor/uplot/uPlot.esm.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get(http, "/ui/vendor/uplot/uPlot.min.css").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");

        for (String path : List.of("/ui/nope.js", "/ui/js/", "/ui/vendor/uplot/package.json", "/ui/vendor/uplot/uPlot.iife.js",
                "/ui/index.html/", "/ui/js/main.js.map")) {
            HttpResponse<String> missing = get(http, path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
        }
        // encoded dot segments are no file path: without a key they are refused like the API, with one not found
        for (String path : List.of("/ui/%2e%2e/api/v1/functions", "/ui/..%2f..%2fapi/v1/functions", "/ui/%2e%2e%2fapp.css",
                "/ui/.%2findex.html")) {
            assertThat(get(http, path).statusCode()).as(path).isEqualTo(401);
            var withKey = api.get(path);
            assertThat(withKey.status()).as(path).isEqualTo(404);
            assertThat(withKey.body()).as(path).doesNotContain("canary");
        }
        // the router resolves a plain "..": that is the API, and it still wants a key
        HttpResponse<String> traversal = get(http, "/ui/../api/v1/functions");
        assertThat(traversal.statusCode()).isEqualTo(401);
        assertThat(traversal.body()).doesNotContain("canary");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ui/")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("only GET and HEAD are public").isEqualTo(401);
        assertThat(get(http, "/api/v1/functions").statusCode()).as("the API still needs a key").isEqualTo(401);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signInDeployFromAZipInvokeWithLogsAndSeeTheCharts() throws Exception {
        Page page = page(1280, 800, false);
        page.navigate(server.url() + "/ui");
        page.locator("#api-key").fill("NKWRONGWRONGWRONGWRO.not-a-secret");
        page.locator("#signin-submit").click();
        expect(page.locator("#signin-status")).containsText("A valid API key is required");
        screenshot(page, "desktop-signin-refused");
        page.locator("#api-key").fill(NimbusProcess.ADMIN_KEY);
        page.locator("#signin-submit").click();
        expect(page.locator("tr[data-function=canary]")).containsText("python3");

        page.locator("a[data-nav=new]").click();
        page.locator("#deploy-name").fill("echo");
        page.locator("#deploy-runtime").selectOption("python3");
        page.locator("#deploy-handler").fill("reference_handler.lambda_handler");
        Path zip = work.resolve("echo.zip");
        Files.write(zip, Zips.of(Map.of("reference_handler.py",
                Files.readString(Path.of(System.getProperty("nimbus.examples"), "python-reference/reference_handler.py")))));
        page.locator("#deploy-zip").setInputFiles(zip);
        page.locator("#deploy-submit").click();
        expect(page.locator("#deploy-status")).containsText("Deployed echo, revision 1", within(LONG));
        JsonNode echo = api.get("/api/v1/functions/echo").json();
        assertThat(echo.get("handler").asText()).isEqualTo("reference_handler.lambda_handler");
        assertThat(echo.get("codeSize").asLong()).isEqualTo(Files.size(zip));

        page.locator("#deploy-status a", new Page.LocatorOptions().setHasText("Invoke it")).click();
        page.locator("#invoke-payload").fill("{\"body\": \"{\\\"greeting\\\": \\\"from the dashboard\\\"}\"}");
        page.locator("#invoke-submit").click();
        expect(page.locator("#invoke-response")).containsText("\"statusCode\": 200", within(LONG));
        expect(page.locator("#invoke-response")).containsText("from the dashboard");
        expect(page.locator("#invoke-logs")).containsText("START RequestId:");
        expect(page.locator("#invoke-logs")).containsText("REPORT RequestId:");
        expect(page.locator("#invoke-status")).containsText("success");
        screenshot(page, "desktop-invoke");

        for (int i = 0; i < 12; i++) {
            assertThat(api.invoke("echo", "{\"body\": \"{}\"}").status()).isEqualTo(200);
        }
        page.locator("a[data-tab=overview]").click();
        Locator invocations = page.locator("#chart-invocations");
        expect(invocations.locator("canvas")).hasCount(1);
        // the charts poll every 10 s; instance counts are sampled every 5 s
        await().atMost(LONG).untilAsserted(() -> {
            assertThat(attribute(invocations, "data-total")).as("invocations the chart holds").isGreaterThanOrEqualTo(13);
            assertThat(attribute(invocations, "data-non-empty")).isGreaterThanOrEqualTo(1);
            assertThat(attribute(page.locator("#chart-duration"), "data-non-empty")).as("steps with a p50").isGreaterThanOrEqualTo(1);
            assertThat(attribute(page.locator("#chart-instances"), "data-non-empty")).as("steps with a running instance")
                    .isGreaterThanOrEqualTo(1);
        });
        assertThat(attribute(invocations, "data-points")).as("an hour in 10-second steps").isBetween(355, 361);
        expect(page.locator("#instances-card tbody")).containsText("idle", within(LONG));
        screenshot(page, "desktop-function-overview");

        page.locator("a[data-tab=invocations]").click();
        Locator first = page.locator("#invocations-table tbody tr").first();
        expect(first).containsText("success");
        first.locator("button").click();
        expect(page.locator("#invocations-table .detail-row")).containsText("REPORT RequestId:");
        screenshot(page, "desktop-invocations");

        page.locator("a[data-tab=logs]").click();
        expect(page.locator("#logs-output")).containsText("REPORT RequestId:");
        page.locator("#logs-follow").check();
        expect(page.locator("#logs-card")).containsText("Following");
        String followed = api.invoke("echo", "{\"body\": \"{}\"}").header("X-Nimbus-Request-Id");
        expect(page.locator("#logs-output")).containsText("START RequestId: " + followed, within(LONG));
        screenshot(page, "desktop-logs");

        page.locator("a[data-nav=functions]").click();
        expect(page.locator("tr[data-function=echo]")).containsText("ready", within(LONG));
        screenshot(page, "desktop-functions");

        page.locator("#sign-out").click();
        expect(page.locator("#api-key")).isVisible();
        assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
    }

    @Test
    void anAliasWeightChangedInTheUiIsWhatTheApiRoutesBy() {
        Page page = page(1280, 800, false);
        signIn(page);
        page.navigate(server.url() + "/ui/#/functions/canary/versions");
        expect(page.locator("tr[data-alias=live]")).containsText("version 1");
        page.locator("button[data-edit-alias=live]").click();
        page.locator("#alias-additional-version").selectOption("2");
        page.locator("#alias-weight").fill("25");
        page.locator("#alias-save").click();
        expect(page.locator("#versions-status")).containsText("Saved: live → version 1 (75 %), version 2 (25 %)");
        expect(page.locator("tr[data-alias=live]")).containsText("version 2 (25 %)");
        screenshot(page, "desktop-versions");

        JsonNode live = api.get("/api/v1/functions/canary/aliases/live").json();
        assertThat(live.get("version").asText()).isEqualTo("1");
        assertThat(live.get("additionalVersion").asText()).isEqualTo("2");
        assertThat(live.get("additionalWeight").asDouble()).isEqualTo(0.25);
    }

    @Test
    void aDeadLetterRedrivenFromTheUiIsDeliveredAgain() throws Exception {
        assertThat(api.putJson("/api/v1/topics/dlq", Map.of()).status()).isIn(200, 201);
        assertThat(api.putJson("/api/v1/functions/flaky/delivery", Map.of("maxRetries", 0, "deadLetter", "topic:dlq"))
                .status()).isIn(200, 201);
        String id = api.post("/api/v1/functions/flaky/async", "{}").json().get("id").asText();
        await().atMost(LONG).until(() -> api.get("/api/v1/async/" + id).json().get("status").asText().equals("dead_lettered"));
        String firstAccepted = api.get("/api/v1/async/" + id).json().get("acceptedAt").asText();
        Files.writeString(work.resolve("flaky.ok"), "ok");

        Page page = page(1280, 800, false);
        signIn(page);
        page.locator("a[data-nav=events]").click();
        Locator row = page.locator("tr[data-event='" + id + "']");
        expect(row).containsText("the marker file is not there yet");
        screenshot(page, "desktop-events");
        row.locator("button[data-redrive]").click();
        expect(page.locator("#dead-letters-status")).containsText("Redrove 1 dead letter.");
        await().atMost(LONG).until(() -> api.get("/api/v1/async/" + id).json().get("status").asText().equals("delivered"));
        assertThat(api.get("/api/v1/async/" + id).json().get("acceptedAt").asText()).as("accepted anew by the redrive")
                .isNotEqualTo(firstAccepted);
        assertThat(api.get("/api/v1/functions/flaky/async?status=dead_lettered").json().get("events")).isEmpty();
    }

    @Test
    void everyMainPageFitsAPhoneWithoutSidewaysScrolling() {
        Page page = page(390, 844, true);
        signIn(page);
        expect(page.locator("#nav")).isHidden();
        page.locator("#nav-toggle").click();
        expect(page.locator("#nav a[data-nav=events]")).isVisible();
        screenshot(page, "phone-menu");
        page.locator("#nav-toggle").click();
        Map<String, String> pages = Map.of(
                "functions", "#/functions",
                "function-overview", "#/functions/canary",
                "invoke", "#/functions/canary/invoke",
                "invocations", "#/functions/canary/invocations",
                "logs", "#/functions/canary/logs",
                "versions", "#/functions/canary/versions",
                "deploy", "#/functions/canary/deploy",
                "events", "#/events",
                "new-function", "#/new");
        assertThat(api.invoke("canary", "{\"n\": 7}").status()).isEqualTo(200);
        for (var p : new java.util.TreeMap<>(pages).entrySet()) {
            page.navigate(server.url() + "/ui/" + p.getValue());
            page.waitForLoadState();
            expect(page.locator("main h1, main h2").first()).isVisible();
            page.waitForTimeout(600); // lets the first poll fill the tables
            screenshot(page, "phone-" + p.getKey());
            Object fits = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
            assertThat(fits).as("%s: page width %s, viewport %s", p.getKey(),
                    page.evaluate("() => document.documentElement.scrollWidth"), page.evaluate("() => window.innerWidth"))
                    .isEqualTo(true);
        }
        page.navigate(server.url() + "/ui/#/functions/canary/invoke");
        page.locator("#invoke-payload").fill("{\"n\": 8}");
        page.locator("#invoke-submit").click();
        expect(page.locator("#invoke-response")).containsText("\"n\": 8", within(LONG));
        screenshot(page, "phone-invoke-result");
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
    }
}
