package dev.nimbus.runtime.java.runtimeapi;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * HTTP/1.1 over one keep-alive socket, just enough for the Runtime API. Requests carry an exact
 * {@code Content-Length} and no {@code Expect}; {@link ResponseReader} reads the answers. No proxy,
 * TLS or redirects.
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
  /** Bodies up to this size go out in the same write as the request head. */
  private static final int COALESCE_BYTES = 64 * 1024;
  private static final String USER_AGENT = "nimbus-runtime-java/0.1";

  private final String host;
  private final int port;
  private final String hostHeader;
  private final Path unixSocket;
  private Closeable socket;
  private OutputStream out;
  private ResponseReader reader;
  private Thread opener;

  private HttpConnection(String host, int port, String hostHeader, Path unixSocket) {
    this.host = host;
    this.port = port;
    this.hostHeader = hostHeader;
    this.unixSocket = unixSocket;
  }

  /** Parses {@code host:port} or {@code [v6]:port} as found in {@code AWS_LAMBDA_RUNTIME_API}. */
  static HttpConnection to(String address) {
    return to(address, null);
  }

  /**
   * As {@link #to(String)}, connecting to the Unix socket {@code unixSocket} instead when it is not
   * null ({@code address} still names the host in requests).
   */
  static HttpConnection to(String address, String unixSocket) {
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
    return new HttpConnection(host, port, address, unixSocket == null ? null : Path.of(unixSocket));
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
        if (!reader.awaitData()) {
          throw new EOFException("Runtime API closed the connection before answering");
        }
        answered = true;
        HttpResponse response = reader.read();
        if (reader.mustClose()) {
          close();
        }
        return response;
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
    Closeable s = socket;
    socket = null;
    out = null;
    reader = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private void open() throws IOException {
    if (unixSocket != null) {
      SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(unixSocket));
      out = Channels.newOutputStream(channel);
      reader = new ResponseReader(Channels.newInputStream(channel));
      socket = channel;
      return;
    }
    Socket s = new Socket(Proxy.NO_PROXY);
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      out = s.getOutputStream();
      reader = new ResponseReader(s.getInputStream());
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
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
}
