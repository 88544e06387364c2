package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class StaticInitFails implements RequestHandler<String, String> {
  static {
    if (Boolean.parseBoolean("true")) {
      throw new IllegalStateException("static init failed");
    }
  }

  @Override
  public String handleRequest(String event, Context context) {
    return event;
  }
}
