package dev.nimbus.runtime.java.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes plain values as the same UTF-8 bytes Jackson writes with the runtime's settings: maps with
 * string keys in iteration order without null-valued entries ({@code NON_NULL} reaches map
 * contents in Jackson 2.23), collections as arrays (nulls kept), numbers via
 * {@code toString}, non-finite doubles as strings ({@code "NaN"}), and strings with Jackson's
 * escapes: a backslash before quote, backslash, b, t, n, f and r, a six-character unicode escape
 * with upper-case hex for the other control characters and for each half of a surrogate pair
 * (Jackson 2.18+ without {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}), nothing else escaped.
 *
 * <p>Only JDK maps and collections count as plain (a user subclass may carry Jackson
 * annotations). Any other value, a non-string key, a lone surrogate or nesting deeper than
 * {@value #MAX_DEPTH} throws {@link NotPlainException}.
 */
final class PlainJsonWriter {
  static final int MAX_DEPTH = 500;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  private byte[] buf = new byte[256];
  private int len;

  private PlainJsonWriter() {}

  static byte[] write(Object value) throws NotPlainException {
    PlainJsonWriter writer = new PlainJsonWriter();
    writer.value(value, 0);
    return Arrays.copyOf(writer.buf, writer.len);
  }

  private void value(Object v, int depth) throws NotPlainException {
    if (v == null) {
      ascii("null");
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof Boolean b) {
      ascii(b ? "true" : "false");
    } else if (v instanceof Map<?, ?> map && isJdk(v)) {
      object(map, depth + 1);
    } else if (v instanceof Collection<?> collection && isJdk(v)) {
      array(collection, depth + 1);
    } else if (v instanceof Number number) {
      number(number);
    } else {
      throw NotPlainException.INSTANCE;
    }
  }

  /** Tests exact classes, rarest last, so a result without big numbers never loads BigDecimal. */
  private void number(Number n) throws NotPlainException {
    Class<?> type = n.getClass();
    if (type == Integer.class || type == Long.class || type == Short.class
        || type == Byte.class) {
      ascii(n.toString());
    } else if (type == Double.class) {
      double d = n.doubleValue();
      nonFinite(Double.isNaN(d) || Double.isInfinite(d), n.toString());
    } else if (type == Float.class) {
      float f = n.floatValue();
      nonFinite(Float.isNaN(f) || Float.isInfinite(f), n.toString());
    } else if (type == BigInteger.class || type == BigDecimal.class) {
      ascii(n.toString());
    } else {
      throw NotPlainException.INSTANCE;
    }
  }

  private static boolean isJdk(Object v) {
    return v.getClass().getClassLoader() == null;
  }

  private void nonFinite(boolean nonFinite, String text) throws NotPlainException {
    if (nonFinite) {
      string(text);
    } else {
      ascii(text);
    }
  }

  private void object(Map<?, ?> map, int depth) throws NotPlainException {
    if (depth > MAX_DEPTH) {
      throw NotPlainException.INSTANCE;
    }
    put('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw NotPlainException.INSTANCE;
      }
      if (entry.getValue() == null) {
        continue;
      }
      if (!first) {
        put(',');
      }
      first = false;
      string(key);
      put(':');
      value(entry.getValue(), depth);
    }
    put('}');
  }

  private void array(Collection<?> collection, int depth) throws NotPlainException {
    if (depth > MAX_DEPTH) {
      throw NotPlainException.INSTANCE;
    }
    put('[');
    boolean first = true;
    for (Object element : collection) {
      if (!first) {
        put(',');
      }
      first = false;
      value(element, depth);
    }
    put(']');
  }

  private void string(String s) throws NotPlainException {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        buf[len++] = (byte) c;
        continue;
      }
      ensure(12 + (n - i));
      if (c < 0x80) {
        escape(c);
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | c >> 6);
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw NotPlainException.INSTANCE;
        }
        unicodeEscape(c);
        unicodeEscape(s.charAt(++i));
      } else {
        buf[len++] = (byte) (0xE0 | c >> 12);
        buf[len++] = (byte) (0x80 | (c >> 6 & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    put('"');
  }

  private void escape(char c) {
    char shortForm = switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '\b' -> 'b';
      case '\t' -> 't';
      case '\n' -> 'n';
      case '\f' -> 'f';
      case '\r' -> 'r';
      default -> 0;
    };
    if (shortForm != 0) {
      buf[len++] = '\\';
      buf[len++] = (byte) shortForm;
    } else {
      unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) {
    buf[len++] = '\\';
    buf[len++] = 'u';
    buf[len++] = HEX[c >> 12];
    buf[len++] = HEX[c >> 8 & 0xF];
    buf[len++] = HEX[c >> 4 & 0xF];
    buf[len++] = HEX[c & 0xF];
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void put(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
