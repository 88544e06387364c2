package dev.nimbus.runtime.java.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8259 JSON in UTF-8 to the values Jackson's untyped deserializer produces:
 * {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Integer}, {@link Long},
 * {@link BigInteger}, {@link Double}, {@link Boolean} and {@code null}. A duplicate key keeps the
 * last value.
 *
 * <p>Everything Jackson would read differently or leniently (single quotes, comments, leading
 * zeros, NaN, unescaped control characters, a BOM, invalid UTF-8, trailing content, depth over
 * {@value #MAX_DEPTH}, numbers over {@value #MAX_NUMBER_CHARS} characters) throws
 * {@link NotPlainException} so that the caller can let Jackson decide.
 */
final class PlainJsonReader {
  static final int MAX_DEPTH = 500;
  static final int MAX_NUMBER_CHARS = 1000;
  static final int MAX_NAME_CHARS = 50_000;

  private final byte[] in;
  private final int end;
  private int pos;
  private StringBuilder scratch;

  private PlainJsonReader(byte[] in, int offset, int length) {
    this.in = in;
    this.pos = offset;
    this.end = offset + length;
  }

  /** Reads one JSON document surrounded by optional whitespace. */
  static Object read(byte[] json) throws NotPlainException {
    PlainJsonReader reader = new PlainJsonReader(json, 0, json.length);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos != reader.end) {
      throw NotPlainException.INSTANCE;
    }
    return value;
  }

  private Object value(int depth) throws NotPlainException {
    if (pos >= end) {
      throw NotPlainException.INSTANCE;
    }
    byte b = in[pos];
    if (b == '{') {
      return object(depth + 1);
    } else if (b == '[') {
      return array(depth + 1);
    } else if (b == '"') {
      pos++;
      return string(Integer.MAX_VALUE);
    } else if (b == 't') {
      literal("true");
      return Boolean.TRUE;
    } else if (b == 'f') {
      literal("false");
      return Boolean.FALSE;
    } else if (b == 'n') {
      literal("null");
      return null;
    } else if (b == '-' || (b >= '0' && b <= '9')) {
      return number();
    }
    throw NotPlainException.INSTANCE;
  }

  private Map<String, Object> object(int depth) throws NotPlainException {
    if (depth > MAX_DEPTH) {
      throw NotPlainException.INSTANCE;
    }
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (pos < end && in[pos] == '}') {
      pos++;
      return map;
    }
    while (true) {
      if (pos >= end || in[pos] != '"') {
        throw NotPlainException.INSTANCE;
      }
      pos++;
      String key = string(MAX_NAME_CHARS);
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, value(depth));
      skipWhitespace();
      if (pos < end && in[pos] == ',') {
        pos++;
        skipWhitespace();
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array(int depth) throws NotPlainException {
    if (depth > MAX_DEPTH) {
      throw NotPlainException.INSTANCE;
    }
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (pos < end && in[pos] == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value(depth));
      skipWhitespace();
      if (pos < end && in[pos] == ',') {
        pos++;
        skipWhitespace();
      } else {
        expect(']');
        return list;
      }
    }
  }

  /** Reads a string whose opening quote was consumed; fast for ASCII without escapes. */
  private String string(int maxChars) throws NotPlainException {
    int start = pos;
    while (pos < end) {
      byte b = in[pos];
      if (b == '"') {
        if (pos - start > maxChars) {
          throw NotPlainException.INSTANCE;
        }
        String s = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        pos++;
        return s;
      }
      if (b == '\\' || b < 0x20) {
        break;
      }
      pos++;
    }
    StringBuilder sb = scratch == null ? scratch = new StringBuilder() : scratch;
    sb.setLength(0);
    for (int i = start; i < pos; i++) {
      sb.append((char) in[i]);
    }
    while (true) {
      if (pos >= end || sb.length() > maxChars) {
        throw NotPlainException.INSTANCE;
      }
      int b = in[pos] & 0xFF;
      if (b == '"') {
        pos++;
        return sb.toString();
      } else if (b == '\\') {
        escape(sb);
      } else if (b < 0x20) {
        throw NotPlainException.INSTANCE;
      } else if (b < 0x80) {
        sb.append((char) b);
        pos++;
      } else {
        utf8(sb, b);
      }
    }
  }

  private void escape(StringBuilder sb) throws NotPlainException {
    if (pos + 1 >= end) {
      throw NotPlainException.INSTANCE;
    }
    byte e = in[pos + 1];
    pos += 2;
    switch (e) {
      case '"' -> sb.append('"');
      case '\\' -> sb.append('\\');
      case '/' -> sb.append('/');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'u' -> sb.append(hex4());
      default -> throw NotPlainException.INSTANCE;
    }
  }

  private char hex4() throws NotPlainException {
    if (pos + 4 > end) {
      throw NotPlainException.INSTANCE;
    }
    int c = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(in[pos + i], 16);
      if (d < 0) {
        throw NotPlainException.INSTANCE;
      }
      c = c << 4 | d;
    }
    pos += 4;
    return (char) c;
  }

  /** Decodes one multi-byte UTF-8 sequence starting with {@code lead}, rejecting malformed input. */
  private void utf8(StringBuilder sb, int lead) throws NotPlainException {
    int length;
    int cp;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      cp = lead & 0x1F;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      cp = lead & 0x0F;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      throw NotPlainException.INSTANCE;
    }
    if (pos + length > end) {
      throw NotPlainException.INSTANCE;
    }
    for (int i = 1; i < length; i++) {
      int b = in[pos + i] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        throw NotPlainException.INSTANCE;
      }
      cp = cp << 6 | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw NotPlainException.INSTANCE;
    }
    sb.appendCodePoint(cp);
    pos += length;
  }

  private Object number() throws NotPlainException {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw NotPlainException.INSTANCE;
    }
    if (in[pos] == '0') {
      pos++;
      if (pos < end && isDigit(in[pos])) {
        throw NotPlainException.INSTANCE;
      }
    } else if (!digits()) {
      throw NotPlainException.INSTANCE;
    }
    boolean integral = true;
    if (pos < end && in[pos] == '.') {
      pos++;
      integral = false;
      if (!digits()) {
        throw NotPlainException.INSTANCE;
      }
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      integral = false;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      if (!digits()) {
        throw NotPlainException.INSTANCE;
      }
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      throw NotPlainException.INSTANCE;
    }
    String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
    if (!integral) {
      return Double.valueOf(text);
    }
    int digits = pos - start - (in[start] == '-' ? 1 : 0);
    if (digits <= 18) {
      long value = Long.parseLong(text);
      return value == (int) value ? (Object) Integer.valueOf((int) value) : Long.valueOf(value);
    }
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) Long.valueOf(big.longValue()) : big;
  }

  private boolean digits() {
    int start = pos;
    while (pos < end && isDigit(in[pos])) {
      pos++;
    }
    return pos > start;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private void literal(String word) throws NotPlainException {
    int length = word.length();
    if (pos + length > end) {
      throw NotPlainException.INSTANCE;
    }
    for (int i = 0; i < length; i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw NotPlainException.INSTANCE;
      }
    }
    pos += length;
  }

  private void expect(char c) throws NotPlainException {
    if (pos >= end || in[pos] != c) {
      throw NotPlainException.INSTANCE;
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }
}
