package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.OutputStream;

/** A loaded handler of any kind, reduced to bytes in, bytes out. */
public interface Handler {

  /**
   * Handles one event, writing the response body to {@code out}. Whatever the function throws
   * propagates unchanged.
   */
  void handle(byte[] event, Context context, OutputStream out) throws Throwable;
}
