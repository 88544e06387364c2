package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Provisioned concurrency through the AWS SDK's LambdaClient, as a Lambda user would configure it. */
class ProvisionedConcurrencyIT {
    @TempDir
    static Path data;
    static NimbusProcess server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, LambdaClients.serverSettings());
        lambda = LambdaClients.create(server.url());
        lambda.createFunction(CreateFunctionRequest.builder().functionName("warm").runtime(Runtime.PYTHON3_12)
                .role(LambdaApiIT.ROLE).handler("app.handler").publish(true)
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(
                        Zips.of(Map.of("app.py", "def handler(event, context):\n    return 1\n")))).build())
                .build());
        lambda.createAlias(b -> b.functionName("warm").name("live").functionVersion("1"));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        server.close();
    }

    @Test
    void putGetListAndDeleteOnAVersionAndAnAlias() {
        PutProvisionedConcurrencyConfigResponse put = lambda.putProvisionedConcurrencyConfig(b -> b
                .functionName("warm").qualifier("1").provisionedConcurrentExecutions(2));
        lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("live")
                .provisionedConcurrentExecutions(1));

        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        // instances start in the background: in progress until they have initialised
        assertThat(put.status()).isIn(ProvisionedConcurrencyStatusEnum.IN_PROGRESS, ProvisionedConcurrencyStatusEnum.READY);
        assertThat(put.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
            GetProvisionedConcurrencyConfigResponse got = lambda.getProvisionedConcurrencyConfig(b -> b
                    .functionName("warm").qualifier("1"));
            assertThat(got.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
            assertThat(got.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
            assertThat(got.allocatedProvisionedConcurrentExecutions()).as("its 2 of the 3 kept warm for version 1 (the alias adds 1)")
                    .isEqualTo(2);
            assertThat(got.availableProvisionedConcurrentExecutions()).isEqualTo(2);
        });
        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("warm")).provisionedConcurrencyConfigs())
                .extracting(ProvisionedConcurrencyConfigListItem::functionArn)
                .containsExactly("arn:aws:lambda:us-east-1:000000000000:function:warm:1",
                        "arn:aws:lambda:us-east-1:000000000000:function:warm:live");

        lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("1"));
        lambda.deleteAlias(b -> b.functionName("warm").name("live"));

        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName("warm").qualifier("1")))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class)
                .hasMessageContaining("No Provisioned Concurrency Config found for this function");
        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("warm")).provisionedConcurrencyConfigs())
                .as("deleting the alias removed its configuration").isEmpty();
    }

    @Test
    void latestAndUnknownQualifiersAreRefusedAsLambdaDoes() {
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm")
                .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("cannot be applied to unpublished function versions");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("warm")
                .qualifier("9").provisionedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
