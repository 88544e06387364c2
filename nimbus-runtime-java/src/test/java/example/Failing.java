package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Failing implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    Object kind = event.get("kind");
    if ("oom".equals(kind)) {
      throw new OutOfMemoryError("test heap exhausted");
    }
    if ("null-message".equals(kind)) {
      throw new UnsupportedOperationException();
    }
    if (Boolean.TRUE.equals(event.get("print"))) {
      System.out.print("about to fail");
    }
    throw new IllegalArgumentException("bad input: " + event.get("value"));
  }
}
