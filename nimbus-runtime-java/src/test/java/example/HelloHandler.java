package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

public class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("message", "hello " + event.get("name"));
    result.put("requestId", context.getAwsRequestId());
    return result;
  }
}
