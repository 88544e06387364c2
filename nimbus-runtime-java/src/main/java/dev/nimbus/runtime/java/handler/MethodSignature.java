package dev.nimbus.runtime.java.handler;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * How to call a handler method: with streams ({@code InputStream}, {@code OutputStream},
 * {@code Context}, in that order, each optional) or with an event object ({@code T}, then
 * optionally {@code Context}).
 *
 * @param method    the chosen method
 * @param stream    whether it takes streams rather than an event object
 * @param input     takes the {@code InputStream} (stream) or the event {@code T} (object)
 * @param output    takes the {@code OutputStream}; always {@code false} for object methods
 * @param context   takes a trailing {@code Context}
 * @param eventType the declared {@code T} of an object method with an event, else {@code null}
 */
record MethodSignature(
    Method method, boolean stream, boolean input, boolean output, boolean context, Type eventType) {

  static MethodSignature streams(Method method, boolean input, boolean output, boolean context) {
    return new MethodSignature(method, true, input, output, context, null);
  }

  static MethodSignature object(Method method, Type eventType, boolean context) {
    return new MethodSignature(method, false, eventType != null, false, context, eventType);
  }
}
