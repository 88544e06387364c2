package dev.nimbus.runtime.java.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain codec must be indistinguishable from the runtime's Jackson: every document it accepts
 * reads to equal values of equal classes, and every value it writes gives the same bytes.
 */
class PlainJsonTest {

  static List<String> documents() {
    return List.of(
        "{}", "[]", "null", "true", "false", "0", "-0", "7", "-12", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "123456789012345678901234567890", "1.0", "-0.0", "1e5", "1E+2",
        "2.5e-3", "1e400", "0.1000000000000000055511151231257827", "\"\"", "\"text\"",
        "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\b\\f\\r\"", "\"é日本😀\"", "\"\\ud800\"",
        " { \"a\" : 1 , \"b\" : [ true , null , { } ] } ",
        "{\"a\":1,\"a\":2}", "{\"nested\":{\"deeper\":{\"list\":[1,2.5,\"x\",[]]}}}",
        "[\"single\"]", "[1]", "[{\"a\":1}]", "{\"k\":\"\"}", "{\"\":0}",
        "{\"big\":12345678901234567890,\"small\":-1,\"f\":1.5e300}");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void readsLikeJacksonForEveryPlainType(String document) throws Exception {
    byte[] json = document.getBytes(StandardCharsets.UTF_8);
    Object plain = PlainJsonReader.read(json);
    for (Type type : plainTypes()) {
      PlainType kind = PlainType.of(type);
      if (!kind.accepts(plain)) {
        continue;
      }
      Object jackson = JacksonCodec.reader(type).read(json);
      assertThat(describe(plain)).as("%s as %s", document, type).isEqualTo(describe(jackson));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "{", "{\"a\"}", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}", "01", "-", "1.", ".5", "1e",
      "NaN", "Infinity", "\"\\x\"", "\"tab\there\"", "tru", "nul", "{} x", "\"unterminated",
      "\uFEFF{}", "// c\n{}", "[1 2]"})
  void refusesWhatIsNotStrictJson(String document) {
    assertThatThrownBy(() -> PlainJsonReader.read(document.getBytes(StandardCharsets.UTF_8)))
        .isSameAs(NotPlainException.INSTANCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"c0af", "e080af", "eda080", "f4908080", "ff", "80", "c3"})
  void refusesMalformedUtf8(String hex) {
    byte[] inner = java.util.HexFormat.of().parseHex(hex);
    byte[] json = new byte[inner.length + 2];
    json[0] = '"';
    System.arraycopy(inner, 0, json, 1, inner.length);
    json[json.length - 1] = '"';
    assertThatThrownBy(() -> PlainJsonReader.read(json)).isSameAs(NotPlainException.INSTANCE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"'single'", "[1,]", "{a:1}", "01", "\"\"", "5", "[\"only\"]", "NaN"})
  void leavesLenientDocumentsToJackson(String document) throws Exception {
    byte[] json = document.getBytes(StandardCharsets.UTF_8);
    for (Type type : plainTypes()) {
      Object expected;
      try {
        expected = describe(JacksonCodec.reader(type).read(json));
      } catch (Exception e) {
        expected = e.getClass();
      }
      Object actual;
      try {
        actual = describe(new PlainEventReader(PlainType.of(type), type).read(json));
      } catch (Exception e) {
        actual = e.getClass();
      }
      assertThat(actual).as("%s as %s", document, type).isEqualTo(expected);
    }
  }

  static List<Object> values() {
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("present", 1);
    withNull.put("absent", null);
    List<Object> withNullElement = new ArrayList<>();
    withNullElement.add(null);
    withNullElement.add("x");
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    controls.append("\"\\/\u007f\u0080é\u2028日本😀");
    return List.of(
        "", "plain", controls.toString(), 0, -1, Integer.MAX_VALUE, Long.MIN_VALUE,
        (short) 7, (byte) -3, new BigInteger("123456789012345678901234567890"),
        new BigDecimal("1.50"), new BigDecimal("1E+3"), new BigDecimal("0.0000001"), 1.0, -0.0,
        0.1, 1e21, 1e-7, 123456789.125, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.5f, Float.NaN, 3.4e38f, true, false,
        Map.of(), Map.of("a", 1), withNull, withNullElement, List.of(), List.of(1, "two", 3.0),
        Arrays.asList(1, 2), Collections.unmodifiableMap(new TreeMap<>(Map.of("b", 2, "a", 1))),
        new TreeSet<>(List.of("z", "y")), new HashMap<>(Map.of("k", List.of(Map.of("x", true)))),
        Map.of("ключ", "значение"), Map.of("outer", withNull), List.of(withNull, withNull));
  }

  @ParameterizedTest
  @MethodSource("values")
  void writesLikeJackson(Object value) throws Exception {
    assertThat(new String(PlainJsonWriter.write(value), StandardCharsets.UTF_8))
        .isEqualTo(jacksonText(value, Object.class));
  }

  @ParameterizedTest
  @MethodSource("values")
  void writesLikeJacksonWhatEachPlainTypeDeclares(Object value) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new PlainResultWriter(Map.class).write(value, out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(jacksonText(value, Object.class));
  }

  @org.junit.jupiter.api.Test
  void handsValuesItCannotWriteToJackson() throws Exception {
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(1, "one");
    List<Object> notPlain = List.of(
        intKeys, 'c', new int[] {1, 2}, java.util.Optional.of("x"), new StringBuilder("sb"),
        java.time.Instant.ofEpochSecond(0), "lone \ud800 surrogate".substring(5, 6),
        List.of(new java.util.concurrent.atomic.AtomicInteger(3)));
    for (Object value : notPlain) {
      assertThatThrownBy(() -> PlainJsonWriter.write(value)).as("%s", value)
          .isSameAs(NotPlainException.INSTANCE);
      Object expected;
      try {
        expected = jacksonText(value, Object.class);
      } catch (Exception e) {
        expected = e.getClass();
      }
      Object actual;
      try {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new PlainResultWriter(Object.class).write(value, out);
        actual = out.toString(StandardCharsets.UTF_8);
      } catch (Exception e) {
        actual = e.getClass();
      }
      assertThat(actual).as("%s", value).isEqualTo(expected);
    }
  }

  private static String jacksonText(Object value, Type type) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    JacksonCodec.writer(type).write(value, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<Type> plainTypes() throws Exception {
    return List.of(Object.class, Map.class, List.class, String.class,
        Holder.class.getDeclaredField("map").getGenericType(),
        Holder.class.getDeclaredField("list").getGenericType(),
        Holder.class.getDeclaredField("wildcards").getGenericType());
  }

  /** Value and class of every node, so that {@code 1} (Integer) and {@code 1L} differ. */
  private static String describe(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder(value.getClass().getSimpleName()).append('{');
      map.forEach((k, v) -> sb.append(k).append('=').append(describe(v)).append(','));
      return sb.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder(value.getClass().getSimpleName()).append('[');
      list.forEach(v -> sb.append(describe(v)).append(','));
      return sb.append(']').toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  @SuppressWarnings("unused")
  private static final class Holder {
    Map<String, Object> map;
    List<Object> list;
    Map<?, ?> wildcards;
  }
}
