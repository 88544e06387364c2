package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Binds the result type; subclasses bind the event type. */
public abstract class GenericBase<E> implements RequestHandler<E, String> {
  @Override
  public String handleRequest(E event, Context context) {
    return "got " + event.getClass().getSimpleName() + " " + event;
  }
}
