package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/** Reports the messages whose body starts with "fail" as failed, as a partial-batch handler does. */
public class SqsBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      if (message.getBody().startsWith("fail")) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      } else if (!message.getEventSourceArn().endsWith(":my-queue")) {
        throw new IllegalStateException("unexpected queue " + message.getEventSourceArn());
      }
    }
    return new SQSBatchResponse(failures);
  }
}
