package dev.nimbus.runtime.java.handler;

/**
 * A parsed handler string: {@code package.Class} or {@code package.Class::method}, split at the
 * last {@code ::}.
 *
 * @param className  binary class name, never empty
 * @param methodName method name, or {@code null} for a handler class
 */
public record HandlerName(String className, String methodName) {

  public HandlerName {
    if (className == null || className.isEmpty()) {
      throw new IllegalArgumentException("handler class name must not be empty");
    }
    if (methodName != null && methodName.isEmpty()) {
      throw new IllegalArgumentException("handler method name must not be empty");
    }
  }

  /** @throws IllegalArgumentException if the class or method part is empty */
  public static HandlerName parse(String handler) {
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    int colons = handler.lastIndexOf("::");
    return colons < 0
        ? new HandlerName(handler, null)
        : new HandlerName(handler.substring(0, colons), handler.substring(colons + 2));
  }

  /** The class part of {@code handler}, however malformed the rest is. */
  static String classPart(String handler) {
    int colons = handler == null ? -1 : handler.lastIndexOf("::");
    return colons < 0 ? String.valueOf(handler) : handler.substring(0, colons);
  }
}
