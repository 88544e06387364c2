package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class ConstructorThrows implements RequestHandler<String, String> {
  public ConstructorThrows() {
    throw new IllegalStateException("no config");
  }

  @Override
  public String handleRequest(String event, Context context) {
    return event;
  }
}
