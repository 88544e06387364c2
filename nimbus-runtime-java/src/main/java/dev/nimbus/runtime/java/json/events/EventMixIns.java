package dev.nimbus.runtime.java.json.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.introspect.ClassIntrospector;
import java.util.List;
import java.util.Map;

/**
 * Renames the properties whose JSON names are not their bean names, keyed by class name because
 * the event classes belong to the function's class loader. Jackson asks for every class it
 * introspects, nested ones included, so nothing is registered up front.
 *
 * <p>Threading: immutable.
 */
final class EventMixIns implements ClassIntrospector.MixInResolver {
  private static final String EVENTS = EventModels.EVENTS_PACKAGE;
  private static final Map<String, Class<?>> MIX_INS = Map.of(
      EVENTS + "SQSEvent", SqsEvent.class,
      EVENTS + "SQSEvent$SQSMessage", SqsMessage.class,
      EVENTS + "ScheduledEvent", ScheduledEvent.class);

  @Override
  public Class<?> findMixInClassFor(Class<?> type) {
    return MIX_INS.get(type.getName());
  }

  @Override
  public ClassIntrospector.MixInResolver copy() {
    return this;
  }

  /** {@code "Records"}, not the bean name {@code records}. */
  abstract static class SqsEvent {
    @JsonProperty("Records")
    abstract List<?> getRecords();

    @JsonProperty("Records")
    abstract void setRecords(List<?> records);
  }

  /** {@code "eventSourceARN"}, not the bean name {@code eventSourceArn}. */
  abstract static class SqsMessage {
    @JsonProperty("eventSourceARN")
    abstract String getEventSourceArn();

    @JsonProperty("eventSourceARN")
    abstract void setEventSourceArn(String eventSourceArn);
  }

  /** {@code "detail-type"}, not the bean name {@code detailType}. */
  abstract static class ScheduledEvent {
    @JsonProperty("detail-type")
    abstract String getDetailType();

    @JsonProperty("detail-type")
    abstract void setDetailType(String detailType);
  }
}
