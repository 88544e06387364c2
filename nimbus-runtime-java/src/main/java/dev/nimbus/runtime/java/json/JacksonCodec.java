package dev.nimbus.runtime.java.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nimbus.runtime.java.json.events.EventMapper;
import dev.nimbus.runtime.java.json.events.EventModels;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * Jackson configured like the AWS Java runtime's serializer ({@code aws-lambda-java-serialization}
 * {@code JacksonFactory}): unknown properties ignored, case-sensitive names, no creator
 * auto-detection, lenient parsing, {@code NON_NULL} output, {@code java.time} and
 * {@code Optional} support. In the runtime jar Jackson is relocated, so a function's own Jackson
 * (and its annotations) never mixes with this one, exactly as on AWS.
 *
 * <p>A declared type from {@code aws-lambda-java-events} gets a second mapper, a copy of the
 * first with the event mix-ins and (de)serializers ({@link EventMapper}), as the AWS runtime
 * picks its event serializers by the declared class.
 *
 * <p>Nothing here is touched, and no Jackson class loaded, until a handler needs it; the event
 * mapper only when a handler declares an event class.
 *
 * <p>Threading: each mapper is built once (class-holder idiom) and is thread-safe afterwards.
 */
final class JacksonCodec {

  private JacksonCodec() {}

  private static final class Holder {
    static final ObjectMapper MAPPER = createMapper();
  }

  private static final class EventHolder {
    static final ObjectMapper MAPPER = EventMapper.configure(Holder.MAPPER.copy());
  }

  static EventReader reader(Type type) {
    ObjectMapper mapper = mapperFor(type);
    return new Reader(mapper.readerFor(mapper.constructType(type)));
  }

  static ResultWriter writer(Type type) {
    ObjectMapper mapper = mapperFor(type);
    return new Writer(mapper.writerFor(mapper.constructType(type)));
  }

  private static ObjectMapper mapperFor(Type type) {
    return EventModels.isEventModel(Types.raw(type)) ? EventHolder.MAPPER : Holder.MAPPER;
  }

  private static final class Reader implements EventReader {
    private final ObjectReader reader;

    Reader(ObjectReader reader) {
      this.reader = reader;
    }

    @Override
    public Object read(byte[] json) throws Exception {
      return reader.readValue(json);
    }
  }

  private static final class Writer implements ResultWriter {
    private final ObjectWriter writer;

    Writer(ObjectWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(Object value, OutputStream out) throws Exception {
      writer.writeValue(out, value);
    }
  }

  @SuppressWarnings("deprecation")
  private static ObjectMapper createMapper() {
    ObjectMapper mapper = JsonMapper.builder(createFactory())
        .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
        .enable(MapperFeature.AUTO_DETECT_FIELDS)
        .enable(MapperFeature.AUTO_DETECT_GETTERS)
        .enable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .enable(MapperFeature.AUTO_DETECT_SETTERS)
        .enable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS)
        .enable(MapperFeature.USE_STD_BEAN_NAMING)
        .enable(MapperFeature.USE_ANNOTATIONS)
        .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .disable(MapperFeature.AUTO_DETECT_CREATORS)
        .disable(MapperFeature.INFER_PROPERTY_MUTATORS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
        .disable(MapperFeature.USE_WRAPPER_NAME_AS_PROPERTY_NAME)
        .disable(MapperFeature.USE_STATIC_TYPING)
        .disable(MapperFeature.REQUIRE_SETTERS_FOR_GETTERS)
        .build();

    SerializationConfig serialization = mapper.getSerializationConfig()
        .with(SerializationFeature.FAIL_ON_SELF_REFERENCES,
            SerializationFeature.FAIL_ON_UNWRAPPED_TYPE_IDENTIFIERS,
            SerializationFeature.WRAP_EXCEPTIONS)
        .without(SerializationFeature.CLOSE_CLOSEABLE,
            SerializationFeature.EAGER_SERIALIZER_FETCH,
            SerializationFeature.FAIL_ON_EMPTY_BEANS,
            SerializationFeature.FLUSH_AFTER_WRITE_VALUE,
            SerializationFeature.INDENT_OUTPUT,
            SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            SerializationFeature.USE_EQUALITY_FOR_OBJECT_ID,
            SerializationFeature.WRITE_CHAR_ARRAYS_AS_JSON_ARRAYS,
            SerializationFeature.WRAP_ROOT_VALUE);
    mapper.setConfig(serialization);

    DeserializationConfig deserialization = mapper.getDeserializationConfig()
        .with(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
            DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
            DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
            DeserializationFeature.FAIL_ON_INVALID_SUBTYPE,
            DeserializationFeature.FAIL_ON_UNRESOLVED_OBJECT_IDS,
            DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
            DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
            DeserializationFeature.WRAP_EXCEPTIONS)
        .without(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
            DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.setConfig(deserialization);
    mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.registerModule(new JavaTimeModule());
    mapper.registerModule(new Jdk8Module());
    return mapper;
  }

  @SuppressWarnings("deprecation")
  private static JsonFactory createFactory() {
    JsonFactory factory = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
        .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
        .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
        .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
        .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
        .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
        .enable(JsonWriteFeature.QUOTE_FIELD_NAMES)
        .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
        .build();
    factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    factory.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    factory.enable(JsonGenerator.Feature.IGNORE_UNKNOWN);
    factory.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    factory.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    factory.disable(JsonGenerator.Feature.STRICT_DUPLICATE_DETECTION);
    factory.disable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    return factory;
  }
}
