package dev.nimbus.runtime.java.json.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 event notifications read and written as the AWS runtime's S3 serializer does. The model
 * ({@code S3EventNotification} of aws-lambda-java-events 3.x and its subclass {@code S3Event}, or
 * the AWS SDK v1's {@code S3EventNotification} that {@code S3Event} extends in 2.x) is immutable:
 * its nested classes have only constructors, whose parameter types belong to the function's class
 * loader, so no mix-in can describe them. This reads a tree and calls the constructors, and writes
 * by calling the getters:
 *
 * <pre>
 * {"Records":[{"eventVersion","eventSource","awsRegion","eventTime","eventName",
 *   "userIdentity":{"principalId"},"requestParameters":{"sourceIPAddress"},
 *   "responseElements":{"x-amz-request-id","x-amz-id-2"},
 *   "s3":{"s3SchemaVersion","configurationId",
 *         "bucket":{"name","ownerIdentity":{"principalId"},"arn"},
 *         "object":{"key","size","urlDecodedKey","eTag","versionId","sequencer"}}}]}
 * </pre>
 *
 * <p>Reading keeps the AWS runtime's defaults, which functions written for AWS rely on: a missing
 * or null string is {@code ""} (the {@code versionId} of an unversioned object, the {@code eTag}
 * of a delete), a missing {@code size} is 0, and a missing nested object is one whose strings are
 * all {@code ""}. A missing {@code eventTime} stays {@code null} (on AWS it fails the invocation).
 * Writing omits nulls; {@code urlDecodedKey} is written, as on AWS, and ignored when read.
 *
 * <p>Threading: immutable once built.
 */
final class S3Notifications {
  private final Class<?> type;
  private final Constructor<?> event;
  private final Constructor<?> record;
  private final Constructor<?> requestParameters;
  private final Constructor<?> responseElements;
  private final Constructor<?> entity;
  private final Constructor<?> bucket;
  private final Constructor<?> object;
  private final Constructor<?> identity;

  private S3Notifications(Class<?> type) throws ReflectiveOperationException {
    this.type = type;
    Class<?> base = notificationClass(type);
    Class<?> identityType = nested(base, "UserIdentityEntity");
    Class<?> requestType = nested(base, "RequestParametersEntity");
    Class<?> responseType = nested(base, "ResponseElementsEntity");
    Class<?> bucketType = nested(base, "S3BucketEntity");
    Class<?> objectType = nested(base, "S3ObjectEntity");
    Class<?> entityType = nested(base, "S3Entity");
    event = type.getConstructor(List.class);
    record = nested(base, "S3EventNotificationRecord").getConstructor(String.class, String.class,
        String.class, String.class, String.class, requestType, responseType, entityType,
        identityType);
    requestParameters = requestType.getConstructor(String.class);
    responseElements = responseType.getConstructor(String.class, String.class);
    entity = entityType.getConstructor(String.class, bucketType, objectType, String.class);
    bucket = bucketType.getConstructor(String.class, identityType, String.class);
    object = objectConstructor(objectType);
    identity = identityType.getConstructor(String.class);
  }

  /** @throws IllegalArgumentException if {@code type} is not shaped like a known S3 model */
  static S3Notifications forType(Class<?> type) {
    try {
      return new S3Notifications(type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Unsupported S3 event model " + type.getName(), e);
    }
  }

  JsonDeserializer<Object> reader() {
    return new Reader(this);
  }

  JsonSerializer<Object> writer() {
    return new Writer(this);
  }

  private static Class<?> notificationClass(Class<?> type) throws ClassNotFoundException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("S3EventNotification")) {
        return c;
      }
    }
    throw new ClassNotFoundException("S3EventNotification, superclass of " + type.getName());
  }

  private static Class<?> nested(Class<?> base, String simpleName) throws ClassNotFoundException {
    return Class.forName(base.getName() + "$" + simpleName, false, base.getClassLoader());
  }

  /** With {@code sequencer} (events 3.x), else without (older AWS SDK models). */
  private static Constructor<?> objectConstructor(Class<?> objectType)
      throws NoSuchMethodException {
    try {
      return objectType.getConstructor(String.class, Long.class, String.class, String.class,
          String.class);
    } catch (NoSuchMethodException e) {
      return objectType.getConstructor(String.class, Long.class, String.class, String.class);
    }
  }

  private Object read(JsonNode root) throws ReflectiveOperationException {
    List<Object> records = new ArrayList<>();
    JsonNode array = root.path("Records");
    if (array.isArray()) {
      for (JsonNode node : array) {
        records.add(record(node));
      }
    }
    return event.newInstance(records);
  }

  private Object record(JsonNode n) throws ReflectiveOperationException {
    JsonNode time = n.get("eventTime");
    JsonNode response = n.path("responseElements");
    return record.newInstance(text(n, "awsRegion"), text(n, "eventName"), text(n, "eventSource"),
        time == null || time.isNull() ? null : time.asText(), text(n, "eventVersion"),
        requestParameters.newInstance(text(n.path("requestParameters"), "sourceIPAddress")),
        responseElements.newInstance(text(response, "x-amz-id-2"),
            text(response, "x-amz-request-id")),
        entity(n.path("s3")),
        identity.newInstance(text(n.path("userIdentity"), "principalId")));
  }

  private Object entity(JsonNode n) throws ReflectiveOperationException {
    JsonNode b = n.path("bucket");
    JsonNode o = n.path("object");
    Object owner = identity.newInstance(text(b.path("ownerIdentity"), "principalId"));
    Long size = o.path("size").asLong();
    Object s3Object = object.getParameterCount() == 5
        ? object.newInstance(text(o, "key"), size, text(o, "eTag"), text(o, "versionId"),
            text(o, "sequencer"))
        : object.newInstance(text(o, "key"), size, text(o, "eTag"), text(o, "versionId"));
    return entity.newInstance(text(n, "configurationId"),
        bucket.newInstance(text(b, "name"), owner, text(b, "arn")), s3Object,
        text(n, "s3SchemaVersion"));
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private void write(Object notification, JsonGenerator g)
      throws IOException, ReflectiveOperationException {
    g.writeStartObject();
    g.writeArrayFieldStart("Records");
    if (get(notification, "getRecords") instanceof List<?> records) {
      for (Object r : records) {
        writeRecord(r, g);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeRecord(Object r, JsonGenerator g)
      throws IOException, ReflectiveOperationException {
    g.writeStartObject();
    string(g, "eventVersion", get(r, "getEventVersion"));
    string(g, "eventSource", get(r, "getEventSource"));
    string(g, "awsRegion", get(r, "getAwsRegion"));
    string(g, "eventTime", get(r, "getEventTime"));
    string(g, "eventName", get(r, "getEventName"));
    principal(g, "userIdentity", get(r, "getUserIdentity"));
    Object request = get(r, "getRequestParameters");
    if (request != null) {
      g.writeObjectFieldStart("requestParameters");
      string(g, "sourceIPAddress", get(request, "getSourceIPAddress"));
      g.writeEndObject();
    }
    Object response = get(r, "getResponseElements");
    if (response != null) {
      g.writeObjectFieldStart("responseElements");
      string(g, "x-amz-request-id", get(response, "getxAmzRequestId"));
      string(g, "x-amz-id-2", get(response, "getxAmzId2"));
      g.writeEndObject();
    }
    Object s3 = get(r, "getS3");
    if (s3 != null) {
      writeEntity(s3, g);
    }
    g.writeEndObject();
  }

  private static void writeEntity(Object s3, JsonGenerator g)
      throws IOException, ReflectiveOperationException {
    g.writeObjectFieldStart("s3");
    string(g, "s3SchemaVersion", get(s3, "getS3SchemaVersion"));
    string(g, "configurationId", get(s3, "getConfigurationId"));
    Object b = get(s3, "getBucket");
    if (b != null) {
      g.writeObjectFieldStart("bucket");
      string(g, "name", get(b, "getName"));
      principal(g, "ownerIdentity", get(b, "getOwnerIdentity"));
      string(g, "arn", get(b, "getArn"));
      g.writeEndObject();
    }
    Object o = get(s3, "getObject");
    if (o != null) {
      g.writeObjectFieldStart("object");
      string(g, "key", get(o, "getKey"));
      if (get(o, "getSizeAsLong") instanceof Long size) {
        g.writeNumberField("size", size);
      }
      string(g, "urlDecodedKey", get(o, "getUrlDecodedKey"));
      string(g, "eTag", get(o, "geteTag"));
      string(g, "versionId", get(o, "getVersionId"));
      string(g, "sequencer", get(o, "getSequencer"));
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void principal(JsonGenerator g, String name, Object identity)
      throws IOException, ReflectiveOperationException {
    if (identity != null) {
      g.writeObjectFieldStart(name);
      string(g, "principalId", get(identity, "getPrincipalId"));
      g.writeEndObject();
    }
  }

  /** {@code DateTime.toString()} is the ISO format the AWS runtime writes. */
  private static void string(JsonGenerator g, String name, Object value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value.toString());
    }
  }

  /** The getter's value, or {@code null} if this model version has no such getter. */
  private static Object get(Object target, String getter) throws ReflectiveOperationException {
    try {
      return target.getClass().getMethod(getter).invoke(target);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static final class Reader extends StdDeserializer<Object> {
    private final transient S3Notifications model;

    Reader(S3Notifications model) {
      super(model.type);
      this.model = model;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode root = context.readTree(parser);
      if (!root.isObject()) {
        return context.reportInputMismatch(this, "An S3 event must be a JSON object");
      }
      try {
        return model.read(root);
      } catch (InvocationTargetException e) {
        throw context.instantiationException(handledType(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw context.instantiationException(handledType(), e);
      }
    }
  }

  private static final class Writer extends StdSerializer<Object> {
    private final transient S3Notifications model;

    @SuppressWarnings("unchecked")
    Writer(S3Notifications model) {
      super((Class<Object>) model.type);
      this.model = model;
    }

    @Override
    public void serialize(Object value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      try {
        model.write(value, g);
      } catch (InvocationTargetException e) {
        throw JsonMappingException.from(g, "Could not read the S3 event", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw JsonMappingException.from(g, "Could not read the S3 event", e);
      }
    }
  }
}
