package dev.nimbus.runtime.java.json.events;

/**
 * Which declared types are AWS event models. The AWS runtime picks its event serializers by the
 * class name of the handler's declared input or output type; so does this, for the whole
 * {@code com.amazonaws.services.lambda.runtime.events} package and the AWS SDK's
 * {@code S3EventNotification} (which {@code S3Event} extends in aws-lambda-java-events 2.x). An
 * event model nested inside a function's own class is not one, as on AWS.
 *
 * <p>Only names here: every POJO handler asks, and the answer must not load the rest of the
 * package ({@link EventMapper} has the rest).
 */
public final class EventModels {
  static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";
  static final String SDK_S3_NOTIFICATION = "com.amazonaws.services.s3.event.S3EventNotification";

  private EventModels() {}

  public static boolean isEventModel(Class<?> type) {
    String name = type.getName();
    return name.startsWith(EVENTS_PACKAGE) || name.equals(SDK_S3_NOTIFICATION);
  }
}
