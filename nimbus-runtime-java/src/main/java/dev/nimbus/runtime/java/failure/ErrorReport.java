package dev.nimbus.runtime.java.failure;

import dev.nimbus.runtime.java.json.Json;
import java.io.IOError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure classified once: the error document posted to the Runtime API, the value of
 * {@code Lambda-Runtime-Function-Error-Type}, the text logged to stdout, and whether the instance
 * must exit afterwards.
 *
 * <p>Exit rule (as the AWS Java runtime): after a {@link VirtualMachineError} (e.g.
 * {@code OutOfMemoryError}), an {@link IOError} or a fatal {@link UserFault}; any other throwable
 * leaves the instance serving.
 *
 * @param errorMessage the throwable's message, or its class name when it has none
 * @param errorType    fully-qualified class name; {@code null} for faults that have none
 * @param stackTrace   frames as {@code StackTraceElement.toString()}; {@code null} for faults
 * @param runtimeErrorType {@code Runtime.UserException} or {@code Runtime.BadFunctionCode}
 * @param fatal        whether the instance must exit after posting
 * @param logText      what the log shows
 */
public record ErrorReport(
    String errorMessage,
    String errorType,
    List<String> stackTrace,
    String runtimeErrorType,
    boolean fatal,
    String logText) {

  public static final String USER_EXCEPTION = "Runtime.UserException";
  public static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

  /** Classifies what an invocation threw. Mutates {@code t}'s stack traces (runtime frames go). */
  public static ErrorReport of(Throwable t) {
    if (t instanceof UserFault fault) {
      return ofFault(fault);
    }
    StackTraces.filter(t);
    StackTraceElement[] frames = t.getStackTrace();
    String[] lines = new String[frames.length];
    for (int i = 0; i < frames.length; i++) {
      lines[i] = frames[i].toString();
    }
    UserFault asLogged = UserFault.from(t, false);
    boolean fatal = t instanceof VirtualMachineError || t instanceof IOError;
    return new ErrorReport(asLogged.getMessage(), t.getClass().getName(), List.of(lines),
        USER_EXCEPTION, fatal, asLogged.reportableError());
  }

  /** A fault found by the runtime; its document carries no stack trace. */
  public static ErrorReport ofFault(UserFault fault) {
    return new ErrorReport(fault.getMessage(), fault.errorType(), null, BAD_FUNCTION_CODE,
        fault.fatal(), fault.reportableError());
  }

  /** A last resort when even classifying failed, e.g. out of memory while printing the trace. */
  public static ErrorReport minimal(Throwable t) {
    String type = t.getClass().getName();
    return new ErrorReport(type, type, null, USER_EXCEPTION, true, type + "\n");
  }

  /** {@code {"errorMessage":..,"errorType":..,"stackTrace":[..]}}, absent fields left out. */
  public byte[] toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("errorMessage", errorMessage);
    if (errorType != null) {
      document.put("errorType", errorType);
    }
    if (stackTrace != null) {
      document.put("stackTrace", stackTrace);
    }
    return Json.write(document);
  }
}
