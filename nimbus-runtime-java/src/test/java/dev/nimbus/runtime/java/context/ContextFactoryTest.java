package dev.nimbus.runtime.java.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import dev.nimbus.runtime.java.runtimeapi.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContextFactoryTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final FunctionInfo FUNCTION = FunctionInfo.fromEnvironment(Map.of(
      "AWS_LAMBDA_FUNCTION_NAME", "orders",
      "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512",
      "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders",
      "AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/31/[$LATEST]abc"));

  @Test
  void reportsInvocationAndFunctionValues() {
    Invocation invocation = new Invocation("req-9", NOW + 2_500,
        "arn:aws:lambda:us-east-1:000000000000:function:orders:live", "Root=1-abc", null,
        "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}", "tenant-7",
        new byte[0]);
    Context context = factory().create(invocation);

    assertThat(context.getAwsRequestId()).isEqualTo("req-9");
    assertThat(context.getInvokedFunctionArn()).endsWith(":function:orders:live");
    assertThat(context.getFunctionName()).isEqualTo("orders");
    assertThat(context.getFunctionVersion()).isEqualTo("$LATEST");
    assertThat(context.getMemoryLimitInMB()).isEqualTo(512);
    assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/orders");
    assertThat(context.getLogStreamName()).isEqualTo("2024/01/31/[$LATEST]abc");
    assertThat(context.getIdentity().getIdentityPoolId()).isEqualTo("pool-1");
    assertThat(context.getClientContext()).isNull();
    assertThat(context.getXrayTraceId()).isEqualTo("Root=1-abc");
    assertThat(context.getTenantId()).isEqualTo("tenant-7");
    assertThat(context.getRemainingTimeInMillis()).isEqualTo(2_500);
  }

  @Test
  void exposesClientContextIdentityAndLoggerOfTheInvocation() {
    Invocation invocation = new Invocation("req-3", NOW + 1_000, null, null,
        "{\"client\":{\"installation_id\":\"inst-1\",\"app_title\":\"Notes\","
            + "\"app_version_name\":\"1.2\",\"app_version_code\":\"12\","
            + "\"app_package_name\":\"com.example.notes\"},"
            + "\"custom\":{\"tenant\":\"acme\"},\"env\":{\"platform\":\"Android\"}}",
        "{\"cognitoIdentityId\":\"us-east-1:id\",\"cognitoIdentityPoolId\":\"us-east-1:pool\"}",
        null, new byte[0]);
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    ContextFactory factory = ContextFactory.create(FUNCTION,
        StdoutLogger.create(new PrintStream(logged, true, StandardCharsets.UTF_8), null),
        InstantSource.fixed(Instant.ofEpochMilli(NOW)));

    Context context = factory.create(invocation);
    context.getLogger().log("via context\n");

    var client = context.getClientContext().getClient();
    assertThat(client.getInstallationId()).isEqualTo("inst-1");
    assertThat(client.getAppTitle()).isEqualTo("Notes");
    assertThat(client.getAppVersionName()).isEqualTo("1.2");
    assertThat(client.getAppVersionCode()).isEqualTo("12");
    assertThat(client.getAppPackageName()).isEqualTo("com.example.notes");
    assertThat(context.getClientContext().getCustom()).containsExactly(Map.entry("tenant", "acme"));
    assertThat(context.getClientContext().getEnvironment())
        .containsExactly(Map.entry("platform", "Android"));
    assertThat(context.getIdentity().getIdentityId()).isEqualTo("us-east-1:id");
    assertThat(context.getIdentity().getIdentityPoolId()).isEqualTo("us-east-1:pool");
    assertThat(context.getRemainingTimeInMillis()).isEqualTo(1_000);
    assertThat(logged.toString(StandardCharsets.UTF_8)).isEqualTo("via context\n");
  }

  @ParameterizedTest
  @CsvSource({"2500, 2500", "1, 1", "0, 0", "-40, 0", "9999999999999, 2147483647"})
  void remainingTimeIsDeadlineMinusNowNeverNegative(long offset, int expected) {
    Invocation invocation = new Invocation("r", NOW + offset, null, null, null, null, null,
        new byte[0]);
    assertThat(factory().create(invocation).getRemainingTimeInMillis()).isEqualTo(expected);
  }

  @Test
  void memoryDefaultsTo128AndMustBeANumber() {
    assertThat(FunctionInfo.fromEnvironment(Map.of()).memoryLimitMb()).isEqualTo(128);
    assertThatThrownBy(() -> FunctionInfo.fromEnvironment(
        Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots")))
        .hasMessageContaining("lots");
  }

  @Test
  void loggerWritesEachMessageAsItsOwnLinesAndFiltersByLevel() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StdoutLogger logger = StdoutLogger.create(new PrintStream(bytes), "warn");
    logger.log("plain");
    logger.log(" é".getBytes(StandardCharsets.UTF_8));
    logger.log("two\nlines\n");
    logger.log("");
    logger.log("|dropped", com.amazonaws.services.lambda.runtime.logging.LogLevel.INFO);
    logger.log("|kept", com.amazonaws.services.lambda.runtime.logging.LogLevel.ERROR);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("plain\n é\ntwo\nlines\n\n[ERROR] |kept\n");
  }

  private static ContextFactory factory() {
    return ContextFactory.create(FUNCTION, StdoutLogger.create(System.out, null),
        InstantSource.fixed(Instant.ofEpochMilli(NOW)));
  }
}
