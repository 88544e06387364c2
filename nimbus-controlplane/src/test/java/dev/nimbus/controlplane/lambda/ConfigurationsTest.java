package dev.nimbus.controlplane.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.FunctionConfig;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.PayloadFormat;
import dev.nimbus.core.function.Runtime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationsTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private final LambdaJson json = new LambdaJson(new ObjectMapper());

    private static FunctionRevision revision(String version, String role) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("zip bytes".getBytes(StandardCharsets.UTF_8));
        var config = new FunctionConfig(Runtime.PYTHON3, "app.handler", 256, 5, Map.of("AB", "1"), "", 100, role, "",
                PayloadFormat.V2, null, false);
        return new FunctionRevision("orders", 4, config, HexFormat.of().formatHex(digest), 1234,
                Instant.parse("2024-05-01T10:11:12.345678Z"), "rev-4", version);
    }

    private JsonNode write(Object shape) throws Exception {
        return PLAIN.readTree(json.write(shape));
    }

    @Test
    void aFullConfigurationHasLambdaMembersAndDefaults() throws Exception {
        JsonNode c = write(Configurations.full(revision("$LATEST", "arn:aws:iam::000000000000:role/x"), null));

        assertThat(c.get("FunctionName").asText()).isEqualTo("orders");
        assertThat(c.get("FunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders");
        assertThat(c.get("Runtime").asText()).isEqualTo("python3.11");
        assertThat(c.get("Role").asText()).isEqualTo("arn:aws:iam::000000000000:role/x");
        assertThat(c.get("Handler").asText()).isEqualTo("app.handler");
        assertThat(c.get("CodeSize").asLong()).isEqualTo(1234);
        assertThat(c.get("Description").asText()).isEmpty();
        assertThat(c.get("Timeout").asInt()).isEqualTo(5);
        assertThat(c.get("MemorySize").asInt()).isEqualTo(256);
        assertThat(c.get("LastModified").asText()).isEqualTo("2024-05-01T10:11:12.345+0000");
        assertThat(c.get("Version").asText()).isEqualTo("$LATEST");
        assertThat(c.get("Environment").get("Variables").get("AB").asText()).isEqualTo("1");
        assertThat(c.get("TracingConfig").get("Mode").asText()).isEqualTo("PassThrough");
        assertThat(c.get("RevisionId").asText()).isEqualTo("rev-4");
        assertThat(c.get("State").asText()).isEqualTo("Active");
        assertThat(c.get("LastUpdateStatus").asText()).isEqualTo("Successful");
        assertThat(c.get("PackageType").asText()).isEqualTo("Zip");
        assertThat(c.get("Architectures").get(0).asText()).isIn("x86_64", "arm64");
        assertThat(c.get("EphemeralStorage").get("Size").asInt()).isEqualTo(512);
        assertThat(c.get("SnapStart").get("ApplyOn").asText()).isEqualTo("None");
        assertThat(c.get("LoggingConfig").get("LogFormat").asText()).isEqualTo("Text");
        assertThat(c.get("LoggingConfig").get("LogGroup").asText()).isEqualTo("/aws/lambda/orders");
    }

    @Test
    void codeSha256IsTheBase64OfTheDigestNimbusKeepsInHex() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("zip bytes".getBytes(StandardCharsets.UTF_8));

        JsonNode c = write(Configurations.full(revision("$LATEST", ""), null));

        assertThat(c.get("CodeSha256").asText()).isEqualTo(Base64.getEncoder().encodeToString(digest));
        assertThat(Configurations.hex(c.get("CodeSha256").asText())).isEqualTo(HexFormat.of().formatHex(digest));
        assertThat(Configurations.hex("not base64!")).isNull();
        assertThat(Configurations.hex(Base64.getEncoder().encodeToString(new byte[31]))).isNull();
    }

    @Test
    void absentMembersAreLeftOutNotNull() throws Exception {
        JsonNode listed = write(Configurations.listed(revision("3", ""), "3"));

        assertThat(listed.get("FunctionArn").asText()).endsWith(":function:orders:3");
        assertThat(listed.has("State")).isFalse();
        assertThat(listed.has("LastUpdateStatus")).isFalse();
        assertThat(listed.has("Role")).isFalse();
        assertThat(json.write(new ResponseShapes.Concurrency(null))).asString(StandardCharsets.UTF_8).isEqualTo("{}");
        assertThat(write(new ResponseShapes.ListFunctions(java.util.List.of(), null)).has("NextMarker")).isFalse();
    }

    @Test
    void requestsReadPascalCaseMembersIgnoringUnknownOnes() {
        var in = json.read("""
                {"FunctionName":"f","Runtime":"python3.12","Code":{"ZipFile":"UEsDBA=="},"MemorySize":512,
                 "Environment":{"Variables":{"K":"v"}},"VpcConfig":{"SubnetIds":[]},"Tags":{"a":"b"}}
                """.getBytes(StandardCharsets.UTF_8), RequestShapes.CreateFunction.class);

        assertThat(in.functionName()).isEqualTo("f");
        assertThat(in.runtime()).isEqualTo("python3.12");
        assertThat(in.code().zipFile()).containsExactly('P', 'K', 3, 4);
        assertThat(in.memorySize()).isEqualTo(512);
        assertThat(in.environment().variables()).containsEntry("K", "v");
        assertThat(json.read(new byte[0], RequestShapes.PublishVersion.class))
                .isEqualTo(new RequestShapes.PublishVersion(null, null, null));
    }

    @Test
    void malformedJsonIsInvalidRequestContent() {
        for (String body : new String[] {"{", "[1]", "{\"MemorySize\":\"big\"}", "{} {}"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> json.read(body.getBytes(StandardCharsets.UTF_8), RequestShapes.CreateFunction.class))
                    .as(body)
                    .isInstanceOfSatisfying(LambdaErrors.Fault.class, f -> {
                        assertThat(f.status()).isEqualTo(400);
                        assertThat(f.type()).isEqualTo("InvalidRequestContentException");
                    });
        }
    }
}
