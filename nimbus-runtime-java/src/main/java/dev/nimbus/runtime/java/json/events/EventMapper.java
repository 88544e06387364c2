package dev.nimbus.runtime.java.json.events;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the mapper for event models adds to the runtime's settings:
 *
 * <table>
 *   <caption>Event mapper additions</caption>
 *   <tr><th>Classes</th><th>JSON</th></tr>
 *   <tr><td>{@code SQSEvent}, {@code SQSEvent$SQSMessage}</td>
 *       <td>{@code Records}, {@code eventSourceARN} ({@link EventMixIns})</td></tr>
 *   <tr><td>{@code ScheduledEvent}</td><td>{@code detail-type} ({@link EventMixIns})</td></tr>
 *   <tr><td>{@code org.joda.time.DateTime} anywhere in an event</td>
 *       <td>ISO-8601 text ({@link JodaDateTimes})</td></tr>
 *   <tr><td>{@code S3Event}, {@code S3EventNotification}</td>
 *       <td>the immutable S3 model ({@link S3Notifications})</td></tr>
 * </table>
 *
 * Other event classes (API Gateway, {@code SQSBatchResponse}, ...) are plain beans whose JSON
 * names are their property names; the event mapper reads and writes them as the plain one does.
 */
public final class EventMapper {

  private EventMapper() {}

  /** Adds the event mix-ins and (de)serializers to {@code mapper}, a copy of the runtime's. */
  public static ObjectMapper configure(ObjectMapper mapper) {
    mapper.setMixInResolver(new EventMixIns());
    mapper.registerModule(new EventModule());
    return mapper;
  }
}
