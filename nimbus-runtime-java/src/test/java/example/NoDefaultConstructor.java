package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class NoDefaultConstructor implements RequestHandler<String, String> {
  public NoDefaultConstructor(String config) {}

  @Override
  public String handleRequest(String event, Context context) {
    return event;
  }
}
