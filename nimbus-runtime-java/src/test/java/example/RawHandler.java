package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

@SuppressWarnings("rawtypes")
public class RawHandler implements RequestHandler {
  @Override
  public Object handleRequest(Object event, Context context) {
    return event;
  }
}
