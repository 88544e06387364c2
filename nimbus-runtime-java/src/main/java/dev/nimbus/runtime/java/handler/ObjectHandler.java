package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.nimbus.runtime.java.json.EventReader;
import dev.nimbus.runtime.java.json.ResultWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An object handler ({@code RequestHandler} or POJO method): parses the event into the declared
 * type, calls the function, writes the result as JSON, or {@code null} for a {@code void} or
 * {@code Void} result. (De)serialization failures carry the AWS runtime's messages so that
 * callers see the same errors.
 */
final class ObjectHandler implements Handler {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final EventFunction function;
  private final EventReader reader;
  private final ResultWriter writer;

  /**
   * @param reader {@code null} when the function takes no event
   * @param writer {@code null} when the function returns {@code void} or {@code Void}
   */
  ObjectHandler(EventFunction function, EventReader reader, ResultWriter writer) {
    this.function = function;
    this.reader = reader;
    this.writer = writer;
  }

  @Override
  public void handle(byte[] event, Context context, OutputStream out) throws Throwable {
    Object input = null;
    if (reader != null) {
      try {
        input = reader.read(event);
      } catch (Throwable t) {
        throw new RuntimeException("An error occurred during JSON parsing", t);
      }
    }
    Object result = function.apply(input, context);
    if (writer == null) {
      out.write(NULL);
      return;
    }
    try {
      writer.write(result, out);
    } catch (Throwable t) {
      throw new RuntimeException("An error occurred during JSON serialization of response", t);
    }
  }
}
