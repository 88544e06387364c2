package dev.nimbus.runtime.java.json;

import java.lang.reflect.Type;

/**
 * Reads events for a {@link PlainType} without Jackson, and hands any document the plain reader
 * refuses to Jackson, created on first need.
 *
 * <p>Threading: used by the runtime loop thread only.
 */
final class PlainEventReader implements EventReader {
  private final PlainType kind;
  private final Type type;
  private EventReader jackson;

  PlainEventReader(PlainType kind, Type type) {
    this.kind = kind;
    this.type = type;
  }

  @Override
  public Object read(byte[] json) throws Exception {
    try {
      Object value = PlainJsonReader.read(json);
      if (kind.accepts(value)) {
        return value;
      }
    } catch (NotPlainException e) {
      // lenient or unusual input: Jackson decides below
    }
    if (jackson == null) {
      jackson = JacksonCodec.reader(type);
    }
    return jackson.read(json);
  }
}
