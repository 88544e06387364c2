package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * A handler method taking streams. Its return value is ignored; a method without an
 * {@code OutputStream} answers {@code null}, as in the AWS runtime.
 */
final class StreamMethodHandler implements Handler {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final MethodSignature signature;
  private final Object instance;

  /** {@code instance} is {@code null} for a static method. */
  StreamMethodHandler(MethodSignature signature, Object instance) {
    this.signature = signature;
    this.instance = instance;
  }

  @Override
  public void handle(byte[] event, Context context, OutputStream out) throws Throwable {
    Object[] args = new Object[(signature.input() ? 1 : 0) + (signature.output() ? 1 : 0)
        + (signature.context() ? 1 : 0)];
    int i = 0;
    if (signature.input()) {
      args[i++] = new ByteArrayInputStream(event);
    }
    if (signature.output()) {
      args[i++] = out;
    }
    if (signature.context()) {
      args[i] = context;
    }
    try {
      signature.method().invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
    if (!signature.output()) {
      out.write(NULL);
    }
  }
}
