package dev.nimbus.runtime.java.runtimeapi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads HTTP/1.1 responses from one connection: bodies delimited by Content-Length (what the
 * platform sends), chunked, or by the server closing; interim 1xx responses are skipped. Heads are
 * bounded by {@value #MAX_HEAD_BYTES} bytes and bodies by {@value #MAX_BODY_BYTES}.
 *
 * <p>Threading: confined to the thread that owns the connection.
 */
final class ResponseReader {
  /** Status line plus headers; a Client-Context header is at most about 3.5 KiB. */
  static final int MAX_HEAD_BYTES = 64 * 1024;
  /** 6 MiB + 100 bytes: the Runtime API's own bound on a payload. */
  static final int MAX_BODY_BYTES = 6 * 1024 * 1024 + 100;

  private final InputStream in;
  private byte[] buffer = new byte[8 * 1024];
  private int position;
  private int limit;
  private int headBytes;
  private boolean mustClose;

  ResponseReader(InputStream in) {
    this.in = in;
  }

  /** Blocks until a byte is available; {@code false} if the server closed the connection. */
  boolean awaitData() throws IOException {
    return position < limit || fill();
  }

  /** Whether the last response asked to close the connection or was delimited by closing it. */
  boolean mustClose() {
    return mustClose;
  }

  /** Reads the next response off the connection. */
  HttpResponse read() throws IOException {
    headBytes = 0;
    String statusLine = readLine();
    int status = parseStatus(statusLine);
    while (status >= 100 && status < 200) {
      while (!readLine().isEmpty()) {
        // an interim response carries no body; skip its headers
      }
      statusLine = readLine();
      status = parseStatus(statusLine);
    }
    List<String> headers = new ArrayList<>();
    long contentLength = -1;
    boolean chunked = false;
    boolean closeAfter = statusLine.startsWith("HTTP/1.0");
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("Malformed response header: " + line);
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      headers.add(name);
      headers.add(value);
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = parseLength(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase().contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        closeAfter = value.equalsIgnoreCase("close");
      }
    }
    byte[] body;
    if (status == 204 || status == 304) {
      body = new byte[0];
    } else if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = readFixed((int) contentLength);
    } else {
      body = readToEnd();
      closeAfter = true;
    }
    mustClose = closeAfter;
    return new HttpResponse(status, headers, body);
  }

  private static int parseStatus(String line) throws IOException {
    if (!line.startsWith("HTTP/1.") || line.length() < 12) {
      throw new IOException("Malformed status line: " + line);
    }
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("Malformed status line: " + line);
    }
  }

  private static long parseLength(String value) throws IOException {
    long length;
    try {
      length = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IOException("Malformed Content-Length: " + value);
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException(
          "Response body of " + length + " bytes is outside 0-" + MAX_BODY_BYTES + " bytes");
    }
    return length;
  }

  private byte[] readFixed(int length) throws IOException {
    byte[] body = new byte[length];
    int n = Math.min(limit - position, length);
    System.arraycopy(buffer, position, body, 0, n);
    position += n;
    while (n < length) {
      int read = in.read(body, n, length - n);
      if (read < 0) {
        throw new EOFException("Response body ended after " + n + " of " + length + " bytes");
      }
      n += read;
    }
    return body;
  }

  private byte[] readChunked() throws IOException {
    byte[] body = new byte[0];
    while (true) {
      String line = readLine();
      int semicolon = line.indexOf(';');
      long size;
      try {
        size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("Malformed chunk size: " + line);
      }
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers are not used by the Runtime API
        }
        return body;
      }
      if (size < 0 || body.length + size > MAX_BODY_BYTES) {
        throw new IOException("Chunked response body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      byte[] chunk = readFixed((int) size);
      int old = body.length;
      body = Arrays.copyOf(body, old + chunk.length);
      System.arraycopy(chunk, 0, body, old, chunk.length);
      if (!readLine().isEmpty()) {
        throw new IOException("Missing CRLF after a chunk");
      }
    }
  }

  private byte[] readToEnd() throws IOException {
    byte[] body = Arrays.copyOfRange(buffer, position, limit);
    position = limit;
    byte[] rest = in.readNBytes(MAX_BODY_BYTES + 1 - body.length);
    if (body.length + rest.length > MAX_BODY_BYTES) {
      throw new IOException("Response body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    byte[] all = Arrays.copyOf(body, body.length + rest.length);
    System.arraycopy(rest, 0, all, body.length, rest.length);
    return all;
  }

  /** Reads one line of the head without its CRLF, bounded by {@link #MAX_HEAD_BYTES} per response. */
  private String readLine() throws IOException {
    int scanned = position;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, position, end - position, StandardCharsets.UTF_8);
          headBytes += i + 1 - position;
          position = i + 1;
          return line;
        }
      }
      scanned = limit;
      if (headBytes + (limit - position) >= MAX_HEAD_BYTES) {
        throw new IOException("Response head exceeds " + MAX_HEAD_BYTES + " bytes");
      }
      int before = position;
      if (!fill()) {
        throw new EOFException("Connection closed inside the response head");
      }
      scanned -= before - position;
    }
  }

  /**
   * Makes room and reads more bytes into the buffer; {@code false} at end of stream. Compacts the
   * unread bytes to the front and doubles the buffer when it is full of one unfinished line.
   */
  private boolean fill() throws IOException {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read < 0) {
      return false;
    }
    limit += read;
    return true;
  }
}
