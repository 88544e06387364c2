package dev.nimbus.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.cli.CliRun;
import dev.nimbus.cli.FakeNimbus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE = "{\"sha256\":\"ab12\",\"size\":321}";

    @TempDir
    Path temp;

    private FakeNimbus server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeNimbus().on("POST", "/api/v1/code", 201, CODE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadsTheZippedDirectoryThenPutsTheFunctionAndPrintsHowToInvokeIt() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("orders"));
        Files.writeString(dir.resolve("app.py"), "def handler(e, c): return e\n");
        Files.writeString(dir.resolve("nimbus.yaml"), "runtime: python3\nhandler: app.handler\n");
        server.on("PUT", "/api/v1/functions/orders", 201, function("orders", 3, 128, 3));

        CliRun run = CliRun.run(server, "deploy", dir.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                deployed orders revision 3 (python3, app.handler, 128 MB, 3 s)
                invoke: curl -d '{}' %s/fn/orders
                """.formatted(server.url()));
        var upload = server.requests().get(0);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.target()).isEqualTo("/api/v1/code");
        assertThat(upload.header("Content-Type")).isEqualTo("application/zip");
        assertThat(entries(upload.body())).containsExactly("app.py", "nimbus.yaml");
        var put = server.requests().get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree(
                "{\"runtime\":\"python3\",\"handler\":\"app.handler\",\"codeSha256\":\"ab12\"}"));
    }

    @Test
    void flagsOverrideNimbusYamlAndEnvironmentMergesPerKey() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("src"));
        Files.writeString(dir.resolve("nimbus.yaml"), """
                name: billing
                runtime: nodejs
                handler: index.handler
                memory: 256
                timeout: 10
                concurrency: 5
                description: from the file
                environment:
                  A: 1
                  B: two
                """);
        server.on("PUT", "/api/v1/functions/billing", 200, function("billing", 2, 512, 10));

        CliRun run = CliRun.run(server, "deploy", dir.toString(), "--memory", "512", "--env", "B=3",
                "--env", "C=x=y", "--description", "from a flag");

        assertThat(run.exitCode()).isZero();
        JsonNode body = JSON.readTree(server.requests().get(1).body());
        assertThat(body).isEqualTo(JSON.readTree("""
                {"runtime":"nodejs","handler":"index.handler","memoryMb":512,"timeoutSeconds":10,
                 "environment":{"A":"1","B":"3","C":"x=y"},"description":"from a flag","concurrency":5,
                 "codeSha256":"ab12"}"""));
        assertThat(run.out()).startsWith("deployed billing revision 2 (python3, app.handler, 512 MB, 10 s)");
    }

    @Test
    void scalingFlagsMergeKeyByKeyOverTheFilesScaling() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("scaled"));
        Files.writeString(dir.resolve("nimbus.yaml"), """
                runtime: python3
                handler: app.handler
                scaling:
                  metric: cpu
                  minInstances: 2
                """);
        server.on("PUT", "/api/v1/functions/scaled", 200, function("scaled", 1, 128, 3));

        CliRun run = CliRun.run(server, "deploy", dir.toString(), "--scaling", "minInstances=0",
                "--scaling", "targetUtilisation=0.5");

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(server.requests().get(1).body()).get("scaling")).isEqualTo(JSON.readTree("""
                {"metric":"cpu","minInstances":0,"targetUtilisation":0.5}"""));
        assertThat(CliRun.run(server, "deploy", dir.toString(), "--scaling", "minInstances=some").err())
                .contains("scaling.minInstances must be a number");
    }

    @Test
    void nameFlagBeatsFileAndFileBeatsDirectoryName() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("dirname"));
        Files.writeString(dir.resolve("nimbus.yaml"), "name: fromfile\n");
        server.on("PUT", "/api/v1/functions/fromflag", 200, function("fromflag", 1, 128, 3));
        server.on("PUT", "/api/v1/functions/fromfile", 200, function("fromfile", 1, 128, 3));
        server.on("PUT", "/api/v1/functions/dirname", 200, function("dirname", 1, 128, 3));

        assertThat(CliRun.run(server, "deploy", dir.toString(), "--name", "fromflag").exitCode()).isZero();
        assertThat(CliRun.run(server, "deploy", dir.toString()).exitCode()).isZero();
        Files.delete(dir.resolve("nimbus.yaml"));
        assertThat(CliRun.run(server, "deploy", dir.toString()).exitCode()).isZero();

        assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT")).extracting(FakeNimbus.Request::target)
                .containsExactly("/api/v1/functions/fromflag", "/api/v1/functions/fromfile",
                        "/api/v1/functions/dirname");
    }

    @Test
    void archiveIsSentAsItIsAndNamedAfterTheFile() throws IOException {
        Path jar = temp.resolve("payments.jar");
        byte[] bytes = SourceArchive.zipDirectory(Files.createDirectory(temp.resolve("classes")));
        Files.write(jar, bytes);
        server.on("PUT", "/api/v1/functions/payments", 201, function("payments", 1, 128, 3));

        CliRun run = CliRun.run(server, "deploy", jar.toString(), "--runtime", "java", "--handler", "a.B");

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests().get(0).body()).isEqualTo(bytes);
        assertThat(server.requests().get(1).target()).isEqualTo("/api/v1/functions/payments");
    }

    @Test
    void codeInNimbusYamlDeploysThatArchiveInstead() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("java-hello"));
        Files.writeString(dir.resolve("nimbus.yaml"), "name: hello-java\nruntime: java\nhandler: example.Hello\n"
                + "code: target/java-hello.jar\n");
        Files.createDirectories(dir.resolve("target"));
        byte[] jar = SourceArchive.zipDirectory(Files.createDirectory(temp.resolve("classes")));
        Files.write(dir.resolve("target/java-hello.jar"), jar);
        server.on("PUT", "/api/v1/functions/hello-java", 201, function("hello-java", 1, 128, 3));

        CliRun run = CliRun.run(server, "deploy", dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests().get(0).body()).isEqualTo(jar);
        assertThat(JSON.readTree(server.requests().get(1).body())).isEqualTo(JSON.readTree(
                "{\"runtime\":\"java\",\"handler\":\"example.Hello\",\"codeSha256\":\"ab12\"}"));
    }

    @Test
    void missingCodeNamedInNimbusYamlIsAUsageError() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("unbuilt"));
        Files.writeString(dir.resolve("nimbus.yaml"), "code: target/app.jar\n");

        CliRun run = CliRun.run(server, "deploy", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: nimbus.yaml: code " + dir.resolve("target/app.jar") + " does not exist");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void badSourcesAreUsageErrorsAndSendNothing() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.txt"), "hi");
        Path dir = Files.createDirectory(temp.resolve("typo"));
        Files.writeString(dir.resolve("nimbus.yaml"), "memroy: 256\n");

        CliRun wrongKind = CliRun.run(server, "deploy", text.toString());
        CliRun missing = CliRun.run(server, "deploy", temp.resolve("nope").toString());
        CliRun badYaml = CliRun.run(server, "deploy", dir.toString());

        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("error: SOURCE must be a directory, a .zip or a .jar, was '" + text + "'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        assertThat(badYaml.exitCode()).isEqualTo(2);
        assertThat(badYaml.err()).contains("error: nimbus.yaml: unknown key 'memroy' (allowed: name, runtime, handler, "
                + "memory, timeout, environment, description, concurrency, code, scaling, egress)", "try 'nimbus deploy --help'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void serverRejectionExitsOneWithItsMessage() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("bad"));
        server.on("PUT", "/api/v1/functions/bad", 400, "{\"error\":{\"code\":\"InvalidParameter\","
                + "\"message\":\"runtime is required; one of python3, nodejs, java, provided\",\"requestId\":\"r1\"}}");

        CliRun run = CliRun.run(server, "deploy", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: runtime is required; one of python3, nodejs, java, provided "
                + "(InvalidParameter, request r1)" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void namespaceQuotaRefusalExitsOneWithTheServersMessage() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("orders"));
        Files.writeString(dir.resolve("nimbus.yaml"), "runtime: python3\nhandler: app.handler\n");
        server.on("PUT", "/api/v1/functions/orders", 403, "{\"error\":{\"code\":\"QuotaExceeded\","
                + "\"message\":\"namespace team-a may hold at most 10 functions\",\"requestId\":\"r2\"}}");

        CliRun run = CliRun.run(server, "deploy", dir.toString(), "--namespace", "team-a");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: namespace team-a may hold at most 10 functions "
                + "(QuotaExceeded, request r2)" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(server.requests()).extracting(r -> r.header("X-Nimbus-Namespace")).containsExactly("team-a", "team-a");
    }

    @Test
    void environmentFlagWithoutEqualsIsAUsageError() throws IOException {
        CliRun run = CliRun.run(server, "deploy", temp.toString(), "--env", "NOVALUE");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--env").contains("KEY=VALUE");
        assertThat(server.requests()).isEmpty();
    }

    private static String function(String name, int revision, int memory, int timeout) {
        return """
                {"name":"%s","revision":%d,"runtime":"python3","handler":"app.handler","memoryMb":%d,
                 "timeoutSeconds":%d,"environment":{},"description":"","concurrency":100,"codeSha256":"ab12",
                 "codeSize":321,"createdAt":"2025-05-01T10:00:00Z"}""".formatted(name, revision, memory, timeout);
    }

    static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
