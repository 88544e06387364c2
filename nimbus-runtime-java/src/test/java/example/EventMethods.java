package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;

/** POJO handler methods taking and returning aws-lambda-java-events classes. */
public class EventMethods {

  public String scheduled(ScheduledEvent event, Context context) {
    return event.getDetailType() + " at " + event.getTime();
  }

  /** Passes the event on, as a function feeding a Step Functions state does. */
  public static ScheduledEvent forward(ScheduledEvent event) {
    return event;
  }

  public String s3Key(S3Event event) {
    return event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
  }

  public APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent event) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(Map.of("content-type", "text/plain"))
        .withBody(event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath())
        .build();
  }
}
