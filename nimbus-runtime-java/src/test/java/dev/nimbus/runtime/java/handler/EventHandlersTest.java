package dev.nimbus.runtime.java.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Handlers declaring aws-lambda-java-events classes, loaded as on an instance: the event classes
 * come from the function's class loader, not the runtime's.
 */
class EventHandlersTest {
  private final FunctionLoader loader = FunctionLoader.create();

  @AfterEach
  void close() throws IOException {
    loader.close();
  }

  @Test
  void sqsBatchHandlerReportsItsFailedMessages() throws Throwable {
    Handler handler = ready("example.SqsBatchHandler");

    assertThat(invoke(handler, sample("sqs.json"))).isEqualTo(
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}");
    assertThat(loader.loadClass("example.SqsBatchHandler").getClassLoader()).isSameAs(loader);
    assertThat(loader.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent")
        .getClassLoader()).isSameAs(loader);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "example.EventMethods::scheduled | scheduled.json | \"Scheduled Event at 2015-10-08T16:53:06.000Z\"",
      "example.EventMethods::s3Key     | s3.json        | \"photos/my summer(2024).jpg\"",
      "example.EventMethods::http      | http-api.json  | {\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"POST /my/path\",\"isBase64Encoded\":false}"})
  void pojoMethodsTakeAndReturnEvents(String handler, String sample, String expected)
      throws Throwable {
    assertThat(invoke(ready(handler), sample(sample))).isEqualTo(expected);
  }

  @Test
  void forwardedScheduledEventKeepsTheAwsNames() throws Throwable {
    String out = invoke(ready("example.EventMethods::forward"), sample("scheduled.json"));

    assertThat(out).contains("\"detail-type\":\"Scheduled Event\"")
        .contains("\"time\":\"2015-10-08T16:53:06.000Z\"")
        .doesNotContain("detailType");
  }

  private Handler ready(String handler) {
    LoadResult result = HandlerLoader.load(handler, loader);
    assertThat(result).isInstanceOf(LoadResult.Ready.class);
    return ((LoadResult.Ready) result).handler();
  }

  private static String invoke(Handler handler, String event) throws Throwable {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handle(event.getBytes(StandardCharsets.UTF_8), new StubContext("req-1"), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String sample(String name) throws IOException {
    try (InputStream in = EventHandlersTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
