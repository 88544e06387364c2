package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Unbound<T> implements RequestHandler<T, String> {
  @Override
  public String handleRequest(T event, Context context) {
    return "unbound";
  }
}
