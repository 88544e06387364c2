package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.nimbus.runtime.java.failure.UserFault;
import java.io.OutputStream;

/** Stands in for a handler that could not be loaded: every invocation reports the same fault. */
final class FaultHandler implements Handler {
  private final UserFault fault;

  FaultHandler(UserFault fault) {
    this.fault = fault;
  }

  @Override
  public void handle(byte[] event, Context context, OutputStream out) {
    throw fault;
  }
}
