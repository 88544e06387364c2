package dev.nimbus.runtime.java.context;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The function's {@link LambdaLogger}: writes each message as UTF-8 to stdout (which the platform
 * captures as the function's log) and flushes it at once. As in the AWS runtime's text format, a
 * message logged with a level gets a {@code [LEVEL] } prefix and levels below
 * {@code AWS_LAMBDA_LOG_LEVEL} are dropped.
 *
 * <p>A message that does not end with a newline gets one. On AWS each call is one log event (the
 * runtime frames it on the telemetry descriptor); here the platform reads stdout line by line and
 * gives each line to the invocation running when its newline arrives, so {@code log("a")} without
 * one would wait for a later newline: merged with the next message, shown only at the next
 * invocation, and under that invocation's request id.
 *
 * <p>Threading: safe for concurrent use; whole messages never interleave.
 */
public final class StdoutLogger implements LambdaLogger {
  private final PrintStream out;
  private final LogLevel minimum;

  /** {@code out} is {@code null} to follow {@code System.out}, even if it is replaced later. */
  private StdoutLogger(PrintStream out, LogLevel minimum) {
    this.out = out;
    this.minimum = minimum;
  }

  /**
   * @param logLevel the value of {@code AWS_LAMBDA_LOG_LEVEL}; {@code null} or unknown logs all
   */
  public static StdoutLogger create(PrintStream out, String logLevel) {
    return new StdoutLogger(out, minimumLevel(logLevel));
  }

  /** A logger writing to whatever {@code System.out} is at each call, as the AWS runtime's. */
  public static StdoutLogger forSystemOut(String logLevel) {
    return new StdoutLogger(null, minimumLevel(logLevel));
  }

  private static LogLevel minimumLevel(String logLevel) {
    if (logLevel != null && !logLevel.isBlank()) {
      try {
        return LogLevel.fromString(logLevel.trim());
      } catch (IllegalArgumentException e) {
        return LogLevel.UNDEFINED;
      }
    }
    return LogLevel.UNDEFINED;
  }

  @Override
  public void log(String message) {
    write(String.valueOf(message).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void log(byte[] message) {
    write(message == null ? "null".getBytes(StandardCharsets.UTF_8) : message);
  }

  @Override
  public void log(String message, LogLevel level) {
    if (enabled(level)) {
      log(level == null || level == LogLevel.UNDEFINED ? message : "[" + level.name() + "] " + message);
    }
  }

  @Override
  public void log(byte[] message, LogLevel level) {
    if (enabled(level)) {
      log(message);
    }
  }

  private boolean enabled(LogLevel level) {
    return level == null || level == LogLevel.UNDEFINED || level.ordinal() >= minimum.ordinal();
  }

  private void write(byte[] bytes) {
    PrintStream target = out == null ? System.out : out;
    synchronized (target) {
      target.write(bytes, 0, bytes.length);
      if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
        target.write('\n');
      }
      target.flush();
    }
  }
}
