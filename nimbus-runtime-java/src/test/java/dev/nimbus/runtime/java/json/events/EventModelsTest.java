package dev.nimbus.runtime.java.json.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import dev.nimbus.runtime.java.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

/**
 * AWS sample events through the runtime's POJO path ({@link Json#readerFor}, {@link Json#writerFor})
 * with the real aws-lambda-java-events classes: the JSON names AWS sends must land in the beans,
 * and what a function returns must carry the names Lambda's callers read.
 */
class EventModelsTest {

  @Test
  void readsSqsBatchWithArnAndMessageAttributes() throws Exception {
    SQSEvent event = read(SQSEvent.class, sample("sqs.json"));

    assertThat(event.getRecords()).hasSize(2);
    SQSEvent.SQSMessage first = event.getRecords().get(0);
    assertThat(first.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-2:123456789012:my-queue");
    assertThat(first.getMessageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
    assertThat(first.getBody()).isEqualTo("Test message.");
    assertThat(first.getAwsRegion()).isEqualTo("us-east-2");
    assertThat(first.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
    assertThat(first.getMessageAttributes().get("myAttribute").getStringValue())
        .isEqualTo("myValue");
    assertThat(first.getMessageAttributes().get("myAttribute").getDataType()).isEqualTo("String");
    assertThat(StandardCharsets.UTF_8.decode(
        first.getMessageAttributes().get("checksum").getBinaryValue()).toString())
        .isEqualTo("hello");
    assertThat(event.getRecords().get(1).getAttributes())
        .containsEntry("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
  }

  @Test
  void writesSqsEventWithTheNamesAwsSends() throws Exception {
    SQSEvent event = read(SQSEvent.class, sample("sqs.json"));

    Map<String, Object> json = writeAsMap(SQSEvent.class, event);

    assertThat(json).containsOnlyKeys("Records");
    Map<String, Object> record = map(list(json.get("Records")).get(0));
    assertThat(record).containsEntry("eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:my-queue")
        .doesNotContainKey("eventSourceArn");
    assertThat(map(map(record.get("messageAttributes")).get("checksum")))
        .containsEntry("binaryValue", "aGVsbG8=");
  }

  @Test
  void writesSqsBatchResponseAsLambdaReadsIt() throws Exception {
    SQSBatchResponse response = SQSBatchResponse.builder()
        .withBatchItemFailures(List.of(new SQSBatchResponse.BatchItemFailure("id2"),
            new SQSBatchResponse.BatchItemFailure("id4")))
        .build();

    assertThat(write(SQSBatchResponse.class, response))
        .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"id2\"},{\"itemIdentifier\":\"id4\"}]}");
  }

  @Test
  void readsScheduledEventDetailTypeAndTime() throws Exception {
    ScheduledEvent event = read(ScheduledEvent.class, sample("scheduled.json"));

    assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
    assertThat(event.getSource()).isEqualTo("aws.events");
    assertThat(event.getAccount()).isEqualTo("123456789012");
    assertThat(event.getResources())
        .containsExactly("arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule");
    assertThat(event.getDetail()).isEmpty();
    assertThat(event.getTime().getMillis())
        .isEqualTo(Instant.parse("2015-10-08T16:53:06Z").toEpochMilli());
    assertThat(event.getTime().getZone()).isEqualTo(DateTimeZone.UTC);
  }

  @Test
  void writesScheduledEventBackWithDetailTypeAndIsoTime() throws Exception {
    ScheduledEvent event = read(ScheduledEvent.class, sample("scheduled.json"));

    String json = write(ScheduledEvent.class, event);

    assertThat(Json.parse(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of(
        "version", "0",
        "id", "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type", "Scheduled Event",
        "source", "aws.events",
        "account", "123456789012",
        "time", "2015-10-08T16:53:06.000Z",
        "region", "us-east-1",
        "resources", List.of("arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"),
        "detail", Map.of()));
    ScheduledEvent again = read(ScheduledEvent.class, json);
    assertThat(again.getTime()).isEqualTo(event.getTime());
    assertThat(again.getDetailType()).isEqualTo("Scheduled Event");
  }

  @Test
  void readsS3RecordsWithTheAwsRuntimeDefaults() throws Exception {
    S3Event event = read(S3Event.class, sample("s3.json"));

    assertThat(event.getRecords()).hasSize(2);
    S3EventNotificationRecord put = event.getRecords().get(0);
    assertThat(put.getEventName()).isEqualTo("ObjectCreated:Put");
    assertThat(put.getEventSource()).isEqualTo("aws:s3");
    assertThat(put.getAwsRegion()).isEqualTo("us-east-2");
    assertThat(put.getEventVersion()).isEqualTo("2.1");
    assertThat(put.getEventTime().getMillis())
        .isEqualTo(Instant.parse("2019-09-03T19:37:27.192Z").toEpochMilli());
    assertThat(put.getUserIdentity().getPrincipalId()).isEqualTo("AWS:AIDAINPONIXQXHT3IKHL2");
    assertThat(put.getRequestParameters().getSourceIPAddress()).isEqualTo("205.255.255.255");
    assertThat(put.getResponseElements().getxAmzRequestId()).isEqualTo("D82B88E5F771F645");
    assertThat(put.getResponseElements().getxAmzId2()).startsWith("vlR7PnpV2Ce81l0P");
    assertThat(put.getS3().getS3SchemaVersion()).isEqualTo("1.0");
    assertThat(put.getS3().getConfigurationId()).isEqualTo("828aa6fc-f7b5-4305-8584-487c791949c1");
    assertThat(put.getS3().getBucket().getName()).isEqualTo("amzn-s3-demo-bucket");
    assertThat(put.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::amzn-s3-demo-bucket");
    assertThat(put.getS3().getBucket().getOwnerIdentity().getPrincipalId())
        .isEqualTo("A3I5XTEXAMAI3E");
    S3ObjectEntity object = put.getS3().getObject();
    assertThat(object.getKey()).isEqualTo("photos/my+summer%282024%29.jpg");
    assertThat(object.getUrlDecodedKey()).isEqualTo("photos/my summer(2024).jpg");
    assertThat(object.getSizeAsLong()).isEqualTo(5_368_709_120L);
    assertThat(object.geteTag()).isEqualTo("b21b84d653bb07b05b1e6b33684dc11b");
    assertThat(object.getSequencer()).isEqualTo("0C0F6F405D6ED209E1");
    assertThat(object.getVersionId()).as("unversioned bucket, as on AWS").isEmpty();

    S3ObjectEntity deleted = event.getRecords().get(1).getS3().getObject();
    assertThat(deleted.getSizeAsLong()).as("a delete has no size").isZero();
    assertThat(deleted.geteTag()).isEmpty();
    assertThat(event.getRecords().get(1).getEventTime().getZone())
        .isEqualTo(DateTimeZone.forOffsetHours(2));
  }

  @Test
  void writesS3EventAsAwsSendsIt() throws Exception {
    S3Event event = read(S3Event.class, sample("s3.json"));

    Map<String, Object> json = writeAsMap(S3Event.class, event);

    List<Object> records = list(json.get("Records"));
    Map<String, Object> put = map(records.get(0));
    assertThat(put).containsOnlyKeys("eventVersion", "eventSource", "awsRegion", "eventTime",
        "eventName", "userIdentity", "requestParameters", "responseElements", "s3");
    assertThat(put.get("eventTime")).isEqualTo("2019-09-03T19:37:27.192Z");
    assertThat(map(records.get(1)).get("eventTime"))
        .isEqualTo("2019-09-03T19:40:01.005+02:00");
    assertThat(map(put.get("responseElements")))
        .containsOnlyKeys("x-amz-request-id", "x-amz-id-2")
        .containsEntry("x-amz-request-id", "D82B88E5F771F645");
    assertThat(map(put.get("requestParameters")))
        .isEqualTo(Map.of("sourceIPAddress", "205.255.255.255"));
    Map<String, Object> s3 = map(put.get("s3"));
    assertThat(map(s3.get("bucket"))).isEqualTo(Map.of("name", "amzn-s3-demo-bucket",
        "ownerIdentity", Map.of("principalId", "A3I5XTEXAMAI3E"),
        "arn", "arn:aws:s3:::amzn-s3-demo-bucket"));
    assertThat(map(s3.get("object"))).isEqualTo(Map.of(
        "key", "photos/my+summer%282024%29.jpg", "size", 5_368_709_120L,
        "urlDecodedKey", "photos/my summer(2024).jpg",
        "eTag", "b21b84d653bb07b05b1e6b33684dc11b", "versionId", "",
        "sequencer", "0C0F6F405D6ED209E1"));

    S3Event again = read(S3Event.class, write(S3Event.class, event));
    assertThat(again.getRecords().get(0).getEventTime())
        .isEqualTo(event.getRecords().get(0).getEventTime());
    assertThat(again.getRecords().get(0).getS3().getObject().getKey())
        .isEqualTo("photos/my+summer%282024%29.jpg");
  }

  @Test
  void readsS3EventNotificationItself() throws Exception {
    S3EventNotification notification = read(S3EventNotification.class, sample("s3.json"));

    assertThat(notification.getRecords().get(1).getEventName()).isEqualTo("ObjectRemoved:Delete");
  }

  @Test
  void readsHttpApiEvent() throws Exception {
    APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, sample("http-api.json"));

    assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
    assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("123.123.123.123");
    assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(1583348638390L);
    assertThat(event.getRequestContext().getAuthorizer().getIam().getUserArn())
        .isEqualTo("arn:aws:iam::111122223333:user/example-user");
    assertThat(event.getRawPath()).isEqualTo("/my/path");
    assertThat(event.getRawQueryString())
        .isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
    assertThat(event.getCookies()).containsExactly("cookie1", "cookie2");
    assertThat(event.getHeaders()).containsEntry("header2", "value1,value2");
    assertThat(event.getQueryStringParameters()).containsEntry("parameter1", "value1,value2");
    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(event.getBody()).isEqualTo("eyJrIjoidiJ9");
    assertThat(event.getPathParameters()).isNull();
  }

  @Test
  void writesHttpApiResponseAsLambdaReadsIt() throws Exception {
    APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
        .withStatusCode(201)
        .withHeaders(Map.of("content-type", "text/plain"))
        .withCookies(List.of("session=1; Secure"))
        .withBody("aGk=")
        .withIsBase64Encoded(true)
        .build();

    assertThat(write(APIGatewayV2HTTPResponse.class, response)).isEqualTo("{\"statusCode\":201,"
        + "\"headers\":{\"content-type\":\"text/plain\"},\"cookies\":[\"session=1; Secure\"],"
        + "\"body\":\"aGk=\",\"isBase64Encoded\":true}");
    response.setMultiValueHeaders(Map.of("x-tag", List.of("a", "b")));
    assertThat(writeAsMap(APIGatewayV2HTTPResponse.class, response)).containsOnlyKeys(
        "statusCode", "headers", "multiValueHeaders", "cookies", "body", "isBase64Encoded");
  }

  @Test
  void readsRestApiEvent() throws Exception {
    APIGatewayProxyRequestEvent event =
        read(APIGatewayProxyRequestEvent.class, sample("rest-api.json"));

    assertThat(event.getHttpMethod()).isEqualTo("POST");
    assertThat(event.getResource()).isEqualTo("/{proxy+}");
    assertThat(event.getPath()).isEqualTo("/hello/world");
    assertThat(event.getPathParameters()).containsEntry("proxy", "hello/world");
    assertThat(event.getMultiValueQueryStringParameters()).containsEntry("a", List.of("1", "2"));
    assertThat(event.getMultiValueHeaders()).containsEntry("X-Forwarded-For", List.of("127.0.0.1"));
    assertThat(event.getBody()).isEqualTo("{\"k\":\"v\"}");
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getRequestContext().getStage()).isEqualTo("prod");
    assertThat(event.getRequestContext().getRequestTimeEpoch()).isEqualTo(1428582896000L);
    assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(event.getRequestContext().getAuthorizer())
        .containsEntry("principalId", "user-1").containsEntry("claims", Map.of("sub", "abc"));
  }

  @Test
  void writesRestApiResponseAsApiGatewayReadsIt() throws Exception {
    APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent()
        .withStatusCode(200)
        .withHeaders(Map.of("Content-Type", "text/plain"))
        .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
        .withBody("hello")
        .withIsBase64Encoded(false);

    assertThat(write(APIGatewayProxyResponseEvent.class, response)).isEqualTo("{\"statusCode\":200,"
        + "\"headers\":{\"Content-Type\":\"text/plain\"},"
        + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},"
        + "\"body\":\"hello\",\"isBase64Encoded\":false}");
  }

  @Test
  void ignoresPropertiesTheModelsDoNotKnow() throws Exception {
    SQSEvent sqs = read(SQSEvent.class, "{\"Records\":[{\"messageId\":\"m1\",\"dlq\":{\"x\":1},"
        + "\"eventSourceARN\":\"arn:q\"}],\"batchWindow\":3}");
    ScheduledEvent scheduled = read(ScheduledEvent.class,
        "{\"detail-type\":\"Scheduled Event\",\"replay-name\":\"r1\",\"time\":\"2024-02-29T23:59:59Z\"}");
    S3Event s3 = read(S3Event.class, "{\"Records\":[{\"eventName\":\"ObjectRestore:Completed\","
        + "\"glacierEventData\":{\"restoreEventData\":{}},\"eventTime\":\"2024-01-01T00:00:00.000Z\"}]}");

    assertThat(sqs.getRecords().get(0).getEventSourceArn()).isEqualTo("arn:q");
    assertThat(scheduled.getDetailType()).isEqualTo("Scheduled Event");
    assertThat(s3.getRecords().get(0).getEventName()).isEqualTo("ObjectRestore:Completed");
    assertThat(s3.getRecords().get(0).getS3().getBucket().getName()).isEmpty();
  }

  @Test
  void rejectsADateTimeThatIsNotIso() {
    assertThatThrownBy(() -> read(ScheduledEvent.class, "{\"time\":\"yesterday\"}"))
        .hasMessageContaining("yesterday");
  }

  private static <T> T read(Class<T> type, String json) throws Exception {
    return type.cast(Json.readerFor(type).read(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String write(Type type, Object value) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Json.writerFor(type).write(value, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> writeAsMap(Type type, Object value) throws Exception {
    return map(Json.parse(write(type, value).getBytes(StandardCharsets.UTF_8)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  static String sample(String name) throws IOException {
    try (InputStream in = EventModelsTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
