package dev.nimbus.runtime.java.json.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Joda {@code DateTime} (the type of {@code ScheduledEvent.time} and S3's {@code eventTime}) as
 * the AWS runtime maps it: read with {@code DateTime.parse}, which keeps the offset it reads
 * ({@code Z} stays UTC), and written as {@code ISODateTimeFormat.dateTime()} prints it, which is
 * what {@code DateTime.toString()} returns. So {@code "2019-03-01T01:23:45Z"} is written back as
 * {@code "2019-03-01T01:23:45.000Z"}, the same instant, always with milliseconds. An empty
 * string reads as {@code null} (on AWS it fails the invocation).
 *
 * <p>The class is the function's own (joda-time comes with aws-lambda-java-events), called
 * through a method handle.
 */
final class JodaDateTimes {

  private JodaDateTimes() {}

  static JsonSerializer<Object> writer() {
    return Writer.INSTANCE;
  }

  /** @param dateTime the function's {@code org.joda.time.DateTime} */
  static JsonDeserializer<Object> reader(Class<?> dateTime) {
    MethodHandle parse;
    try {
      parse = MethodHandles.publicLookup()
          .findStatic(dateTime, "parse", MethodType.methodType(dateTime, String.class))
          .asType(MethodType.methodType(Object.class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("org.joda.time.DateTime has no parse(String)", e);
    }
    return new Reader(dateTime, parse);
  }

  private static final class Writer extends ToStringSerializerBase {
    static final Writer INSTANCE = new Writer();

    private Writer() {
      super(Object.class);
    }

    @Override
    public String valueToString(Object value) {
      return value.toString();
    }
  }

  private static final class Reader extends StdScalarDeserializer<Object> {
    private final transient MethodHandle parse;

    Reader(Class<?> dateTime, MethodHandle parse) {
      super(dateTime);
      this.parse = parse;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = parser.getValueAsString();
      if (text == null) {
        return context.handleUnexpectedToken(handledType(), parser);
      }
      if (text.isBlank()) {
        return null;
      }
      try {
        return (Object) parse.invokeExact(text);
      } catch (IllegalArgumentException e) {
        throw context.weirdStringException(text, handledType(), e.getMessage());
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }

    @Override
    public boolean isCachable() {
      return true;
    }
  }
}
