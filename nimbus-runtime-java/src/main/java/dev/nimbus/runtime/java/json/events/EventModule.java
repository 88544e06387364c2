package dev.nimbus.runtime.java.json.events;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.ser.Serializers;
import java.util.Set;

/**
 * Supplies the (de)serializers for Joda {@code DateTime} and the S3 notification classes, found
 * by class name when Jackson first meets such a type. The names live here so that neither
 * {@link JodaDateTimes} nor {@link S3Notifications} is loaded before a function needs it.
 */
final class EventModule extends Module {
  private static final String DATE_TIME = "org.joda.time.DateTime";
  private static final Set<String> S3_NOTIFICATIONS = Set.of(
      EventModels.EVENTS_PACKAGE + "S3Event",
      EventModels.EVENTS_PACKAGE + "models.s3.S3EventNotification",
      EventModels.SDK_S3_NOTIFICATION);

  @Override
  public String getModuleName() {
    return "nimbus-lambda-events";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(new NamedSerializers());
    context.addDeserializers(new NamedDeserializers());
  }

  private static final class NamedSerializers extends Serializers.Base {
    @Override
    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription description) {
      Class<?> raw = type.getRawClass();
      String name = raw.getName();
      if (name.equals(DATE_TIME)) {
        return JodaDateTimes.writer();
      }
      return S3_NOTIFICATIONS.contains(name) ? S3Notifications.forType(raw).writer() : null;
    }
  }

  private static final class NamedDeserializers extends Deserializers.Base {
    @Override
    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
        BeanDescription description) {
      Class<?> raw = type.getRawClass();
      String name = raw.getName();
      if (name.equals(DATE_TIME)) {
        return JodaDateTimes.reader(raw);
      }
      return S3_NOTIFICATIONS.contains(name) ? S3Notifications.forType(raw).reader() : null;
    }
  }
}
