package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's own runtime interface clients, unchanged, as {@code provided} functions: each zip brings its
 * client and a {@code bootstrap} that starts it with its documented command line (lambda-compat.md §3).
 */
class OfficialRuntimeClientsIT {
    static final String JAVA_RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String NODE = """
            let invocations = 0;
            export const handler = async (event, context) => ({ echo: event, fn: context.functionName,
                requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis(),
                invocation: ++invocations });
            export const fails = async (event) => { throw new RangeError(`ric says no to ${event.ask}`); };
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

    @Test
    void javaRuntimeInterfaceClient() {
        byte[] zip = javaRicZip();
        // One instance at a time: the Java runtime client unpacks its JNI library to a fixed path in
        // /tmp. Under bubblewrap each instance has its own /tmp; without it (the fallback this test
        // also runs under) instances share the host's, and two JVMs starting at once can crash each other.
        var one = Map.of("initialInstances", 0, "targetUtilisation", 1.0);
        api.deploy("ric-java", zip, Api.config("provided", "dev.nimbus.it.fixtures.RicEcho", "timeoutSeconds", 30,
                "scaling", one));
        api.deploy("ric-java-fail", zip, Api.config("provided", "dev.nimbus.it.fixtures.RicFails", "timeoutSeconds", 30,
                "scaling", one));
        api.deploy("ric-java-init", zip, Api.config("provided", "dev.nimbus.it.fixtures.JavaBrokenInit", "scaling", one));

        assertEchoesWarm("ric-java");

        var errors = assertFunctionErrors("ric-java-fail", "Runtime.UserException");
        for (JsonNode error : errors) {
            assertThat(error.get("errorType").asText()).isEqualTo("java.lang.UnsupportedOperationException");
            assertThat(error.get("stackTrace").isArray()).isTrue();
            assertThat(error.get("stackTrace").get(0).asText()).startsWith("dev.nimbus.it.fixtures.RicFails.refuse(");
        }

        var init = api.invoke("ric-java-init", "{}");
        assertThat(init.header("X-Nimbus-Function-Error")).isEqualTo("Runtime.BadFunctionCode");
        assertThat(init.json().get("errorType").asText()).isEqualTo("java.lang.ExceptionInInitializerError");
        assertThat(init.json().get("errorMessage").asText())
                .isEqualTo("Error loading class dev.nimbus.it.fixtures.JavaBrokenInit");
    }

    @Test
    void nodeRuntimeInterfaceClient() {
        byte[] zip = nodeRicZip(installNodeRic());
        api.deploy("ric-node", zip, Api.config("provided", "index.handler", "timeoutSeconds", 30));
        api.deploy("ric-node-fail", zip, Api.config("provided", "index.fails", "timeoutSeconds", 30));
        api.deploy("ric-node-init", zip, Api.config("provided", "broken.handler"));

        assertEchoesWarm("ric-node");

        // The Node.js client posts invocation errors without Lambda-Runtime-Function-Error-Type.
        var errors = assertFunctionErrors("ric-node-fail", "Unhandled");
        for (JsonNode error : errors) {
            assertThat(error.get("errorType").asText()).isEqualTo("RangeError");
            assertThat(error.get("trace").isArray()).isTrue();
            assertThat(error.get("trace").get(0).asText()).startsWith("RangeError: ric says no to ");
        }

        var init = lambdaInvoke("ric-node-init", "{}");
        assertThat(init.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(init.json().get("errorType").asText()).isEqualTo("Error");
        assertThat(init.json().get("errorMessage").asText()).isEqualTo("no start");
        assertThat(init.json().get("trace").get(0).asText()).isEqualTo("Error: no start");
    }

    /**
     * One failing invocation through each API; the Lambda API marks it "Unhandled", the native API
     * names the runtime's error type. Returns both error documents.
     */
    private static List<JsonNode> assertFunctionErrors(String name, String nativeErrorType) {
        var lambda = lambdaInvoke(name, "{\"ask\":\"lambda\"}");
        var nativeApi = api.invoke(name, "{\"ask\":\"nimbus\"}");
        assertThat(lambda.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(nativeApi.header("X-Nimbus-Function-Error")).isEqualTo(nativeErrorType);
        assertThat(lambda.json().get("errorMessage").asText()).isEqualTo("ric says no to lambda");
        assertThat(nativeApi.json().get("errorMessage").asText()).isEqualTo("ric says no to nimbus");
        return List.of(lambda.json(), nativeApi.json());
    }

    /** Two invocations: both echo with the function's context, the second in the same process. */
    private static void assertEchoesWarm(String name) {
        var cold = lambdaInvoke(name, "{\"k\":\"cold\"}");
        var warm = lambdaInvoke(name, "{\"k\":\"warm\"}");
        for (var response : new Api.Response[] {cold, warm}) {
            assertThat(response.status()).as(() -> response.body() + "\n" + logs(name)).isEqualTo(200);
            assertThat(response.header("X-Amz-Function-Error")).as(() -> response.body() + "\n" + logs(name)).isNull();
            assertThat(response.json().has("fn")).as(() -> response.body() + "\n" + logs(name)).isTrue();
            assertThat(response.json().get("fn").asText()).isEqualTo(name);
            assertThat(response.json().get("requestId").asText()).isEqualTo(response.header("x-amzn-RequestId"));
            assertThat(response.json().get("remaining").asLong()).isBetween(1L, 30_000L);
        }
        assertThat(cold.json().get("echo").get("k").asText()).isEqualTo("cold");
        assertThat(warm.json().get("echo").get("k").asText()).isEqualTo("warm");
        assertThat(cold.json().get("invocation").asInt()).isEqualTo(1);
        assertThat(warm.json().get("invocation").asInt()).as("second invocation in the same process").isEqualTo(2);
    }

    private static String logs(String name) {
        return api.get("/api/v1/functions/" + name + "/logs").body();
    }

    private static Api.Response lambdaInvoke(String name, String payload) {
        return api.post("/2015-03-31/functions/" + name + "/invocations", payload);
    }

    /**
     * The usual Java zip (classes at the root, jars in {@code lib/}) plus a bootstrap with the Java
     * client's documented command line. The client (a JNI library inside) and its dependencies come
     * from Maven via the dependency plugin; a provided function brings its own JVM, here the tests'.
     */
    private static byte[] javaRicZip() {
        Path classes = Path.of(System.getProperty("nimbus.test.classes"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var files = new LinkedHashMap<String, byte[]>();
        files.put("bootstrap", ("#!/bin/sh\nexec '" + java + "' -cp \"lib/*:.\" " + JAVA_RIC_MAIN + " \"$_HANDLER\"\n")
                .getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> lib = Zips.tree(Path.of(System.getProperty("nimbus.java.ric.lib")), "lib/");
        assertThat(lib.keySet()).anyMatch(jar -> jar.contains("aws-lambda-java-runtime-interface-client"));
        files.putAll(lib);
        files.putAll(Zips.tree(classes.resolve("dev/nimbus/it/fixtures"), "dev/nimbus/it/fixtures/"));
        return Zips.ofBytes(files);
    }

    /**
     * Handler modules, the client package copied in (not linked) and a bootstrap running the
     * package's {@code aws-lambda-ric} command, as {@code npx aws-lambda-ric <handler>} would: 3.x
     * ships it as bin/index.mjs, 4.x as index.mjs.
     */
    private static byte[] nodeRicZip(Path nodeModules) {
        Path ric = nodeModules.resolve("aws-lambda-ric");
        String command;
        try {
            command = Api.JSON.readTree(ric.resolve("package.json").toFile()).path("bin").path("aws-lambda-ric").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(command).as("bin of " + ric).isNotEmpty();
        var files = new LinkedHashMap<String, byte[]>();
        files.put("bootstrap", ("#!/bin/sh\nexec node node_modules/aws-lambda-ric/" + command.replaceFirst("^\\./", "")
                + " \"$_HANDLER\"\n").getBytes(StandardCharsets.UTF_8));
        files.put("index.mjs", NODE.getBytes(StandardCharsets.UTF_8));
        files.put("broken.mjs", "throw new Error('no start');\n".getBytes(StandardCharsets.UTF_8));
        files.putAll(Zips.tree(ric, "node_modules/aws-lambda-ric/"));
        return Zips.ofBytes(files);
    }

    /**
     * Runs src/test/scripts/install-node-ric.sh, which builds the client once per machine (1 to 2
     * minutes) and caches it, and returns its node_modules. Fails, never skips, when it cannot.
     */
    private static Path installNodeRic() {
        Path script = Path.of(System.getProperty("nimbus.node.ric.install"));
        try {
            Path log = Files.createTempFile(data, "install-node-ric", ".log");
            Path out = Files.createTempFile(data, "install-node-ric", ".out");
            Process p = new ProcessBuilder("sh", script.toString()).redirectOutput(out.toFile())
                    .redirectError(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(script + " did not finish within 15 minutes:\n" + tail(Files.readString(log), 4000));
            }
            if (p.exitValue() != 0) {
                fail("Could not install the Node.js runtime interface client with " + script + " (exit "
                        + p.exitValue() + "):\n" + tail(Files.readString(log), 4000));
            }
            String dir = Files.readString(out).strip();
            Path nodeModules = Path.of(dir).resolve("node_modules");
            assertThat(nodeModules.resolve("aws-lambda-ric/package.json")).as(script + " printed " + dir).isRegularFile();
            return nodeModules;
        } catch (IOException e) {
            return fail("Could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while installing the Node.js runtime interface client", e);
        }
    }

    private static String tail(String text, int max) {
        return text.length() <= max ? text : "..." + text.substring(text.length() - max);
    }
}
