package dev.nimbus.runtime.java.failure;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A fault in the function's code found by the runtime itself (handler class missing, no usable
 * method, constructor threw), reported as {@code Runtime.BadFunctionCode} without a stack trace in
 * the error document, as the AWS Java runtime does. A fatal fault ends the instance.
 */
public final class UserFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final String trace;
  private final boolean fatal;

  /**
   * @param message   the error document's {@code errorMessage}
   * @param errorType the error document's {@code errorType}, or {@code null} to leave it out
   * @param trace     the printed stack trace for the log, or {@code null}
   * @param fatal     whether the instance must exit after reporting it
   */
  public UserFault(String message, String errorType, String trace, boolean fatal) {
    super(message, null, false, false);
    this.errorType = errorType;
    this.trace = trace;
    this.fatal = fatal;
  }

  /** A non-fatal fault that is only a message, e.g. {@code Invalid handler: `x'}. */
  public static UserFault of(String message) {
    return new UserFault(message, null, null, false);
  }

  /** A fault carrying {@code cause}'s message (its class name if it has none), type and trace. */
  public static UserFault from(Throwable cause, boolean fatal) {
    String message = cause.getLocalizedMessage();
    return new UserFault(message == null ? cause.getClass().getName() : message,
        cause.getClass().getName(), trace(cause), fatal);
  }

  /** The handler class failed to load or initialise: fatal. */
  public static UserFault loadingClass(Throwable cause, String className) {
    String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new UserFault("Error loading class " + className + detail,
        cause.getClass().getName(), trace(cause), true);
  }

  /** The handler class does not exist: every invocation fails, the instance lives on. */
  public static UserFault classNotFound(ClassNotFoundException cause, String className) {
    return new UserFault("Class not found: " + className, cause.getClass().getName(),
        trace(cause), false);
  }

  public String errorType() {
    return errorType;
  }

  public boolean fatal() {
    return fatal;
  }

  /** The log text: {@code message: type\ntrace\n}, or the message alone. */
  public String reportableError() {
    if (errorType == null && trace == null) {
      return getMessage() + "\n";
    }
    return getMessage() + ": " + (errorType == null ? "" : errorType) + "\n"
        + (trace == null ? "" : trace) + "\n";
  }

  /** {@code t}'s stack trace as printed, with runtime frames removed. */
  public static String trace(Throwable t) {
    StackTraces.filter(t);
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }
}
