package dev.nimbus.runtime.java.runtimeapi;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HTTP/1.1 over one keep-alive socket, just enough for the Runtime API. Requests carry an exact
 * {@code Content-Length} and no {@code Expect}; responses may be Content-Length delimited (what the
 * platform sends), chunked, or delimited by the server closing. No proxy, TLS or redirects.
 *
 * <p>Why a socket: on the 2-core dev machine a JVM doing GET + POST against a loopback server
 * took 112-137 ms with {@code java.net.Socket}, 133-156 ms with {@code HttpURLConnection} (+50
 * classes, proxy selection, {@code net.properties}) and 740 ms with {@code java.net.http} (+1,100
 * classes); a JVM printing "hi" took 84-100 ms.
 *
 * <p>A request on a reused connection that fails before any response byte arrives (the server
 * closed an idle keep-alive connection) is retried once on a fresh connection.
 *
 * <p>Threading: confined to the runtime loop thread, except that {@link #openInBackground()} may
 * let a helper thread open the socket; the first {@link #exchange} joins that thread before it
 * touches any field, which orders the helper's writes before the loop thread's reads.
 */
final class HttpConnection implements Closeable {
  static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  /** Status line plus headers; a Client-Context header is at most about 3.5 KiB. */
  static final int MAX_HEAD_BYTES = 64 * 1024;
  /** 6 MiB + 100 bytes: the Runtime API's own bound on a payload. */
  static final int MAX_BODY_BYTES = 6 * 1024 * 1024 + 100;
  /** Bodies up to this size go out in the same write as the request head. */
  private static final int COALESCE_BYTES = 64 * 1024;
  private static final String USER_AGENT = "nimbus-runtime-java/0.1";

  private final String host;
  private final int port;
  private final String hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private byte[] buffer = new byte[8 * 1024];
  private int position;
  private int limit;
  private int headBytes;
  private Thread opener;

  private HttpConnection(String host, int port, String hostHeader) {
    this.host = host;
    this.port = port;
    this.hostHeader = hostHeader;
  }

  /** Parses {@code host:port} or {@code [v6]:port} as found in {@code AWS_LAMBDA_RUNTIME_API}. */
  static HttpConnection to(String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1 || address.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "Runtime API address must be host:port without a scheme, got: " + address);
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "Runtime API port must be 1-65535, got: " + address.substring(colon + 1));
    }
    return new HttpConnection(host, port, address);
  }

  /**
   * Starts opening the socket on a helper thread, so that the JDK's socket setup (about 20 ms of
   * class loading and initialisation in a cold JVM) overlaps with loading the handler. A failure
   * there is forgotten: the first exchange opens again and reports it.
   */
  void openInBackground() {
    Thread thread = new Thread(new Opener(), "runtime-api-connect");
    thread.setDaemon(true);
    opener = thread;
    thread.start();
  }

  private final class Opener implements Runnable {
    @Override
    public void run() {
      try {
        open();
      } catch (IOException e) {
        // the first exchange retries and reports
      }
    }
  }

  private void awaitOpener() {
    Thread thread = opener;
    if (thread == null) {
      return;
    }
    opener = null;
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends one request and reads its response. {@code headers} holds names and values alternating;
   * {@code body} is {@code null} for a request without a body.
   */
  HttpResponse exchange(String method, String target, String[] headers, byte[] body, int length)
      throws IOException {
    awaitOpener();
    byte[] head = head(method, target, headers, body == null ? -1 : length);
    for (int attempt = 0; ; attempt++) {
      boolean reused = socket != null;
      if (!reused) {
        open();
      }
      boolean answered = false;
      try {
        write(head, body, length);
        if (position == limit && !fill()) {
          throw new EOFException("Runtime API closed the connection before answering");
        }
        answered = true;
        return readResponse();
      } catch (IOException e) {
        close();
        if (answered || !reused || attempt > 0) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    awaitOpener();
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    position = 0;
    limit = 0;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private void open() throws IOException {
    Socket s = new Socket(Proxy.NO_PROXY);
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      in = s.getInputStream();
      out = s.getOutputStream();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    position = 0;
    limit = 0;
  }

  private byte[] head(String method, String target, String[] headers, int length) {
    StringBuilder sb = new StringBuilder(160 + 64 * headers.length);
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
        .append("\r\nUser-Agent: ").append(USER_AGENT).append("\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    if (length >= 0) {
      sb.append("Content-Length: ").append(length).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private void write(byte[] head, byte[] body, int length) throws IOException {
    if (body == null || length == 0) {
      out.write(head);
    } else if (length <= COALESCE_BYTES) {
      byte[] all = Arrays.copyOf(head, head.length + length);
      System.arraycopy(body, 0, all, head.length, length);
      out.write(all);
    } else {
      out.write(head);
      out.write(body, 0, length);
    }
    out.flush();
  }

  private HttpResponse readResponse() throws IOException {
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
    if (closeAfter) {
      close();
    }
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
