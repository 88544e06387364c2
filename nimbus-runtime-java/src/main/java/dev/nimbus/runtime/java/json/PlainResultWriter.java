package dev.nimbus.runtime.java.json;

import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * Writes plain results without Jackson and anything else with Jackson, created on first need.
 *
 * <p>Threading: used by the runtime loop thread only.
 */
final class PlainResultWriter implements ResultWriter {
  private final Type type;
  private ResultWriter jackson;

  PlainResultWriter(Type type) {
    this.type = type;
  }

  @Override
  public void write(Object value, OutputStream out) throws Exception {
    byte[] bytes;
    try {
      bytes = PlainJsonWriter.write(value);
    } catch (NotPlainException e) {
      if (jackson == null) {
        jackson = JacksonCodec.writer(type);
      }
      jackson.write(value, out);
      return;
    }
    out.write(bytes);
  }
}
