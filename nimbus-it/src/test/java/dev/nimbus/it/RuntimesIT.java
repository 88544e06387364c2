package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node.js, Java and provided runtimes, each with real processes: success, function error, init error. */
class RuntimesIT {
    static final String NODE = """
            exports.asyncHandler = async (event, context) => ({ echo: event, fn: context.functionName,
                requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() });
            exports.callbackHandler = (event, context, callback) => { callback(null, { style: 'callback', echo: event }); };
            exports.fails = async () => { throw new TypeError('node says no'); };
            exports.crashes = async () => { process.exit(7); };
            exports.hangs = async () => {
                require('child_process').spawn('sleep', ['300'],
                    { detached: true, stdio: 'ignore', env: { ...process.env, HANG_CHILD: 'node-hang' } });
                await new Promise((resolve) => setTimeout(resolve, 120000));
            };
            """;
    static final String PROVIDED = """
            #!/usr/bin/python3
            import json, os, urllib.request
            api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
            handler = os.environ["_HANDLER"]
            while True:
                with urllib.request.urlopen(api + "next") as r:
                    rid = r.headers["Lambda-Runtime-Aws-Request-Id"]
                    event = json.loads(r.read())
                if handler == "crash":
                    os._exit(4)
                if handler == "fail":
                    body, path = json.dumps({"errorType": "Custom.Failure", "errorMessage": "custom says no"}), "/error"
                else:
                    body, path = json.dumps({"provided": True, "handler": handler, "event": event}), "/response"
                urllib.request.urlopen(urllib.request.Request(api + rid + path, data=body.encode(), method="POST")).read()
            """;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Api.Response lambdaInvoke(String name, String payload) {
        return api.post("/2015-03-31/functions/" + name + "/invocations", payload);
    }

    @Test
    void nodeAsyncAndCallbackHandlers() {
        api.deploy("node-async", Zips.of(Map.of("index.js", NODE)), Api.config("nodejs", "index.asyncHandler"));
        api.deploy("node-cb", Zips.of(Map.of("index.js", NODE)), Api.config("nodejs", "index.callbackHandler"));

        var async = lambdaInvoke("node-async", "{\"n\":1}");
        var callback = lambdaInvoke("node-cb", "{\"n\":2}");

        assertThat(async.status()).isEqualTo(200);
        assertThat(async.json().get("echo").get("n").asInt()).isEqualTo(1);
        assertThat(async.json().get("fn").asText()).isEqualTo("node-async");
        assertThat(async.json().get("requestId").asText()).isEqualTo(async.header("x-amzn-RequestId"));
        assertThat(async.json().get("remaining").asLong()).isPositive();
        assertThat(callback.json().get("style").asText()).isEqualTo("callback");
        assertThat(callback.json().get("echo").get("n").asInt()).isEqualTo(2);
    }

    @Test
    void nodeErrorsInitErrorsAndCrashes() {
        api.deploy("node-fail", Zips.of(Map.of("index.js", NODE)), Api.config("nodejs", "index.fails"));
        api.deploy("node-init", Zips.of(Map.of("index.js", "throw new Error('no start');\n")), Api.config("nodejs", "index.handler"));
        api.deploy("node-crash", Zips.of(Map.of("index.js", NODE)), Api.config("nodejs", "index.crashes"));

        var fail = lambdaInvoke("node-fail", "{}");
        var init = lambdaInvoke("node-init", "{}");
        var crash = lambdaInvoke("node-crash", "{}");

        assertThat(fail.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(fail.json().get("errorType").asText()).isEqualTo("TypeError");
        assertThat(fail.json().get("errorMessage").asText()).isEqualTo("node says no");
        assertThat(init.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(init.json().get("errorMessage").asText()).contains("no start");
        assertThat(crash.json().get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(crash.json().get("errorMessage").asText()).contains("exit status 7");
    }

    @Test
    void javaRequestHandlerStreamHandlerErrorAndInitError() throws IOException {
        byte[] jar = fixturesJar();
        api.deploy("java-echo", jar, Api.config("java", "dev.nimbus.it.fixtures.JavaEcho", "memoryMb", 256));
        api.deploy("java-upper", jar, Api.config("java", "dev.nimbus.it.fixtures.JavaUpper", "memoryMb", 256));
        api.deploy("java-fail", jar, Api.config("java", "dev.nimbus.it.fixtures.JavaFails", "memoryMb", 256));
        api.deploy("java-init", jar, Api.config("java", "dev.nimbus.it.fixtures.JavaBrokenInit", "memoryMb", 256));

        var echo = lambdaInvoke("java-echo", "{\"k\":\"v\"}");
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.json().get("echo").get("k").asText()).isEqualTo("v");
        assertThat(echo.json().get("fn").asText()).isEqualTo("java-echo");
        assertThat(echo.json().get("memory").asInt()).isEqualTo(256);
        assertThat(echo.json().get("requestId").asText()).isEqualTo(echo.header("x-amzn-RequestId"));

        assertThat(lambdaInvoke("java-upper", "\"abc\"").body()).isEqualTo("\"ABC\"");

        var fail = lambdaInvoke("java-fail", "{}");
        assertThat(fail.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(fail.json().get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(fail.json().get("errorMessage").asText()).isEqualTo("java says no");

        var init = lambdaInvoke("java-init", "{}");
        assertThat(init.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(init.json().get("errorType").asText()).isEqualTo("java.lang.ExceptionInInitializerError");
        assertThat(init.json().get("errorMessage").asText())
                .startsWith("Error loading class dev.nimbus.it.fixtures.JavaBrokenInit");
    }

    @Test
    void javaFunctionsShipAsAZipOfJars() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("lib/handlers.jar"));
            zip.write(fixturesJar());
            zip.closeEntry();
        }
        api.deploy("java-zip", bytes.toByteArray(), Api.config("java", "dev.nimbus.it.fixtures.JavaEcho", "memoryMb", 256));

        var echo = lambdaInvoke("java-zip", "{\"from\":\"lib\"}");

        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.json().get("echo").get("from").asText()).isEqualTo("lib");
    }

    @Test
    void providedRuntimeRunsTheBootstrapExecutable() {
        api.deploy("custom", Zips.of(Map.of("bootstrap", PROVIDED)), Api.config("provided", "my.handler"));
        api.deploy("custom-missing", Zips.of(Map.of("other", "x")), Api.config("provided", "my.handler"));

        var ok = lambdaInvoke("custom", "{\"x\":1}");
        var missing = lambdaInvoke("custom-missing", "{}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("provided").asBoolean()).isTrue();
        assertThat(ok.json().get("handler").asText()).isEqualTo("my.handler");
        assertThat(ok.json().get("event").get("x").asInt()).isEqualTo(1);
        assertThat(missing.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(missing.json().get("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
    }

    @Test
    void crashesOfEveryRuntimeNameTheExit() throws IOException {
        api.deploy("java-crash", fixturesJar(), Api.config("java", "dev.nimbus.it.fixtures.JavaCrash", "memoryMb", 256));
        api.deploy("custom-crash", Zips.of(Map.of("bootstrap", PROVIDED)), Api.config("provided", "crash"));
        api.deploy("custom-fail", Zips.of(Map.of("bootstrap", PROVIDED)), Api.config("provided", "fail"));

        var java = lambdaInvoke("java-crash", "{}");
        var custom = lambdaInvoke("custom-crash", "{}");
        var fail = lambdaInvoke("custom-fail", "{}");

        assertThat(java.json().get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(java.json().get("errorMessage").asText()).contains("exit status 5");
        assertThat(custom.json().get("errorMessage").asText()).contains("exit status 4");
        assertThat(fail.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(fail.json().get("errorType").asText()).isEqualTo("Custom.Failure");
    }

    @Test
    void timeoutsOfNodeAndJavaKillTheWholeProcessTree() throws IOException {
        api.deploy("node-hang", Zips.of(Map.of("index.js", NODE)), Api.config("nodejs", "index.hangs", "timeoutSeconds", 1));
        api.deploy("java-hang", fixturesJar(), Api.config("java", "dev.nimbus.it.fixtures.JavaHang", "memoryMb", 256,
                "timeoutSeconds", 2));

        for (String name : new String[] {"node-hang", "java-hang"}) {
            var response = lambdaInvoke(name, "{}");
            assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
            assertThat(response.json().get("errorType").asText()).isEqualTo("Sandbox.Timedout");
            // The autoscaler may keep a fresh instance warm meanwhile: the hung one's child must be gone.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Orphans.withEnv("HANG_CHILD", name)).isEmpty());
        }
    }

    /** A jar with the compiled handlers of {@code dev.nimbus.it.fixtures}. */
    static byte[] fixturesJar() throws IOException {
        Path classes = Path.of(System.getProperty("nimbus.test.classes"));
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.walk(classes.resolve("dev/nimbus/it/fixtures"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(file).toString()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
