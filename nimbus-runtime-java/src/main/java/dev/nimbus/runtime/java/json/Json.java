package dev.nimbus.runtime.java.json;

import java.lang.reflect.Type;

/** Entry point of the package: readers and writers per declared type, and plain JSON helpers. */
public final class Json {

  private Json() {}

  /**
   * A reader for events declared as {@code type}. Plain types get the plain reader; other types
   * get Jackson now, so a POJO handler pays for Jackson during init rather than its first event.
   * {@code Void} events are never parsed.
   */
  public static EventReader readerFor(Type type) {
    if (type == Void.class || type == void.class) {
      return NullEventReader.INSTANCE;
    }
    PlainType kind = PlainType.of(type);
    return kind == PlainType.NONE ? JacksonCodec.reader(type) : new PlainEventReader(kind, type);
  }

  /**
   * A writer for results declared as {@code type}. Results that may be plain (declared as a JDK
   * type or a primitive) try the plain writer first; results declared as the function's own
   * classes get Jackson now.
   */
  public static ResultWriter writerFor(Type type) {
    Class<?> raw = Types.raw(type);
    return raw.isPrimitive() || raw.getClassLoader() == null
        ? new PlainResultWriter(type)
        : JacksonCodec.writer(type);
  }

  /**
   * Parses strict JSON into maps, lists, strings, numbers, booleans and {@code null}.
   *
   * @throws IllegalArgumentException if {@code json} is not strict JSON
   */
  public static Object parse(byte[] json) {
    try {
      return PlainJsonReader.read(json);
    } catch (NotPlainException e) {
      throw new IllegalArgumentException("not strict JSON");
    }
  }

  /**
   * Writes maps (string keys), collections, strings, numbers, booleans and {@code null}.
   *
   * @throws IllegalArgumentException if {@code value} holds anything else
   */
  public static byte[] write(Object value) {
    try {
      return PlainJsonWriter.write(value);
    } catch (NotPlainException e) {
      throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
    }
  }
}
