package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A {@link RequestHandler} instance as an {@link EventFunction}. */
final class RequestHandlerFunction implements EventFunction {
  @SuppressWarnings("rawtypes")
  private final RequestHandler handler;

  @SuppressWarnings("rawtypes")
  RequestHandlerFunction(RequestHandler handler) {
    this.handler = handler;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object apply(Object event, Context context) {
    return handler.handleRequest(event, context);
  }
}
