package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.InvocationTargetException;

/** A POJO handler method taking {@code (T, Context)}, {@code (T)}, {@code (Context)} or {@code ()}. */
final class MethodFunction implements EventFunction {
  private final MethodSignature signature;
  private final Object instance;

  /** {@code instance} is {@code null} for a static method. */
  MethodFunction(MethodSignature signature, Object instance) {
    this.signature = signature;
    this.instance = instance;
  }

  @Override
  public Object apply(Object event, Context context) throws Throwable {
    Object[] args = new Object[(signature.input() ? 1 : 0) + (signature.context() ? 1 : 0)];
    int i = 0;
    if (signature.input()) {
      args[i++] = event;
    }
    if (signature.context()) {
      args[i] = context;
    }
    try {
      return signature.method().invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
  }
}
