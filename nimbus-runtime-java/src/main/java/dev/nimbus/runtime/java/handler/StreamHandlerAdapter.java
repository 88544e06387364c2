package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/** A {@link RequestStreamHandler}: the payload as an input stream, the response as written. */
final class StreamHandlerAdapter implements Handler {
  private final RequestStreamHandler handler;

  StreamHandlerAdapter(RequestStreamHandler handler) {
    this.handler = handler;
  }

  @Override
  public void handle(byte[] event, Context context, OutputStream out) throws Throwable {
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
  }
}
