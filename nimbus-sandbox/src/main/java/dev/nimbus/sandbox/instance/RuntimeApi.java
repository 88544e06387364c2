package dev.nimbus.sandbox.instance;

import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.launch.SocketListener;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda Runtime API (2018-06-01) endpoint of one instance (lambda-compat.md §1). Only the
 * instance's runtime talks to it: in a sandbox with a network of its own, on a Unix socket in the
 * instance's own directory (the socket a call arrives on says whose it is); otherwise on a port of
 * the host's loopback.
 *
 * <p>It speaks just the HTTP/1.1 the Runtime API needs: keep-alive requests one after another on a
 * connection, bodies with {@code Content-Length} or chunked, answers with {@code Content-Length}.
 * Serving the socket itself, rather than relaying it to an HTTP server on a port, saves each
 * invocation two hops through the server (measured with bench/run.sh).
 *
 * <p>Threading: a {@link SocketListener}: one virtual thread per connection serves its requests
 * in order (the runtime makes one call at a time: {@code /next} returns before it posts a response,
 * so a long-polling {@code /next} holds up nothing it needs). At most {@link #MAX_CONNECTIONS} are
 * open. {@link #close} (from {@link ProcessInstance#kill}) closes every connection, which wakes a
 * waiting {@code /next}.
 */
final class RuntimeApi implements AutoCloseable {
    /** Buffered response limit: 6 MiB + 100 bytes, as Lambda. */
    static final int MAX_RESPONSE = 6 * 1024 * 1024 + 100;
    /** Request line and headers together. */
    static final int MAX_HEAD = 16 * 1024;
    static final int MAX_CONNECTIONS = 8;
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final System.Logger LOG = System.getLogger(RuntimeApi.class.getName());

    private final ProcessInstance instance;
    private SocketListener listener;
    private volatile boolean closed;

    private RuntimeApi(ProcessInstance instance) {
        this.instance = instance;
    }

    /** Listens on the Unix socket {@code socket} (a new file), or on a loopback port when it is null. */
    static RuntimeApi start(ProcessInstance instance, Path socket) throws IOException {
        var api = new RuntimeApi(instance);
        api.listener = SocketListener.open(socket, MAX_CONNECTIONS, api::serve);
        return api;
    }

    /** Where it listens on the host's loopback, or null on a Unix socket. */
    InetSocketAddress address() {
        return listener.address();
    }

    private void serve(SocketChannel channel) {
        try {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
            while (!closed) {
                Request request = Request.read(in, out);
                if (request == null) {
                    return;
                }
                Answer answer = request.refusal != null ? request.refusal : handle(request);
                boolean keep = request.keepAlive && answer.keepOpen;
                answer.write(out, keep);
                if (!keep) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Runtime API connection ended: " + e.getMessage());
        }
    }

    private Answer handle(Request request) {
        String path = request.path;
        if (!path.startsWith(PREFIX)) {
            return path.equals("/ping") ? Answer.json(200, "{\"status\":\"OK\"}")
                    : Answer.error(404, "NotFound", "Unknown Runtime API path");
        }
        String route = path.substring(PREFIX.length());
        String method = request.method;
        if (method.equals("GET") && route.equals("invocation/next")) {
            return next(request);
        } else if (method.equals("POST") && route.equals("init/error")) {
            return initError(request);
        } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/response")) {
            return response(request, route.substring(11, route.length() - 9));
        } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/error")) {
            return invocationError(request, route.substring(11, route.length() - 6));
        }
        return Answer.error(404, "NotFound", "Unknown Runtime API path");
    }

    /**
     * Sent by Nimbus's own runtimes with their first {@code /next}: microseconds spent loading the
     * handler, so that a cold start's runtime and handler init can be told apart. Other runtimes
     * do not send it.
     */
    static final String HANDLER_INIT_HEADER = "Nimbus-Handler-Init-Us";

    private static long handlerInitMicros(String value) {
        if (value == null || value.isEmpty() || value.length() > 12) {
            return -1;
        }
        try {
            long micros = Long.parseLong(value);
            return micros >= 0 ? micros : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Answer next(Request request) {
        Pending p;
        try {
            p = instance.next(handlerInitMicros(request.header(HANDLER_INIT_HEADER)));
        } catch (ProcessInstance.InvalidStateException e) {
            return Answer.error(403, "InvalidStateTransition", e.getMessage());
        }
        if (p == null) {
            return Answer.error(500, "InternalServerError", "The instance is shutting down");
        }
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Lambda-Runtime-Aws-Request-Id", p.id());
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(p.pickedUp.join()));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", p.request.invokedArn());
        headers.put("Lambda-Runtime-Trace-Id", p.request.trace().xray());
        if (p.request.clientContext() != null) {
            headers.put("Lambda-Runtime-Client-Context", p.request.clientContext());
        }
        return new Answer(200, "application/json", headers, p.request.payload(), true);
    }

    private Answer response(Request request, String requestId) {
        if (request.body == null) {
            var result = new InvocationResult.FunctionError("Function.ResponseSizeTooLarge", ("{\"errorMessage\":\"Response "
                    + "payload size exceeded maximum allowed payload size (" + MAX_RESPONSE
                    + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8));
            return instance.complete(requestId, result)
                    ? Answer.error(413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size (" + MAX_RESPONSE
                            + " bytes).").closing()
                    : Answer.error(400, "InvalidRequestID", "Invalid request ID").closing();
        }
        String type = request.header("Content-Type");
        var result = new InvocationResult.Success(request.body, type == null ? "application/json" : type);
        return accepted(instance.complete(requestId, result));
    }

    private Answer invocationError(Request request, String requestId) {
        String type = errorType(request, "Unhandled");
        var result = new InvocationResult.FunctionError(type,
                request.body == null ? "\"Invalid error body\"".getBytes(StandardCharsets.UTF_8) : request.body);
        return accepted(instance.complete(requestId, result));
    }

    private Answer initError(Request request) {
        String type = errorType(request, "Runtime.Unknown");
        try {
            instance.initFailed(new InvocationResult.InitError(type,
                    request.body == null ? "\"Invalid error body\"".getBytes(StandardCharsets.UTF_8) : request.body));
        } catch (ProcessInstance.InvalidStateException e) {
            return Answer.error(403, "InvalidStateTransition", e.getMessage());
        }
        return Answer.json(202, "{\"status\":\"OK\"}").then(() -> instance.kill(InstanceState.FAILED));
    }

    /** The function's own error type, at most 256 characters of it: it reaches callers, records and traces. */
    private static String errorType(Request request, String fallback) {
        String type = request.header("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? fallback : type.length() > 256 ? type.substring(0, 256) : type;
    }

    private static Answer accepted(boolean accepted) {
        return accepted ? Answer.json(202, "{\"status\":\"OK\"}")
                : Answer.error(400, "InvalidRequestID", "Invalid request ID");
    }

    @Override
    public void close() {
        closed = true;
        listener.close();
    }

    /**
     * One request as read: its body is null when it exceeds {@link #MAX_RESPONSE} (the rest is left
     * unread, so the connection closes after the answer); {@code refusal} is set for a request that
     * cannot be served at all (malformed, head too large).
     */
    static final class Request {
        final String method;
        final String path;
        final Map<String, String> headers;
        final byte[] body;
        final boolean keepAlive;
        final Answer refusal;

        private Request(String method, String path, Map<String, String> headers, byte[] body, boolean keepAlive,
                        Answer refusal) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
            this.keepAlive = keepAlive;
            this.refusal = refusal;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        private static Request refused(Answer answer) {
            return new Request("", "", Map.of(), null, false, answer);
        }

        /**
         * The next request on {@code in}, or null at the end of the stream before one begins; a
         * client that expects {@code 100 Continue} before sending a body (curl does above 1 KB) is
         * told so on {@code out}.
         */
        static Request read(InputStream in, OutputStream out) throws IOException {
            String head = readHead(in);
            if (head == null) {
                return null;
            }
            if (head.length() > MAX_HEAD) {
                return refused(Answer.error(431, "RequestHeaderFieldsTooLarge", "Request headers too large").closing());
            }
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            if (first.length != 3 || !first[2].startsWith("HTTP/1.")) {
                return refused(Answer.error(400, "BadRequest", "Malformed request line").closing());
            }
            var headers = new HashMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    return refused(Answer.error(400, "BadRequest", "Malformed header").closing());
                }
                headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            String target = first[1];
            int query = target.indexOf('?');
            String path = query >= 0 ? target.substring(0, query) : target;
            boolean keepAlive = first[2].equals("HTTP/1.1") ? !"close".equalsIgnoreCase(headers.get("connection"))
                    : "keep-alive".equalsIgnoreCase(headers.get("connection"));
            if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunked(in);
            } else {
                long length;
                try {
                    length = Long.parseLong(headers.getOrDefault("content-length", "0"));
                } catch (NumberFormatException e) {
                    return refused(Answer.error(400, "BadRequest", "Malformed Content-Length").closing());
                }
                if (length < 0) {
                    return refused(Answer.error(400, "BadRequest", "Malformed Content-Length").closing());
                }
                body = length > MAX_RESPONSE ? null : in.readNBytes((int) length);
                if (body != null && body.length < length) {
                    return null; // the stream ended inside the body
                }
            }
            return new Request(first[0], path, headers, body, keepAlive && body != null, null);
        }

        /** The request line and headers without the blank line, latin-1; null at once at the end of the stream. */
        private static String readHead(InputStream in) throws IOException {
            var head = new ByteArrayOutputStream(512);
            int matched = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("the stream ended inside a request head");
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    byte[] bytes = head.toByteArray();
                    return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
                }
                if (head.size() > MAX_HEAD) {
                    return new String(head.toByteArray(), StandardCharsets.ISO_8859_1);
                }
            }
        }

        /** A chunked body, or null once it exceeds {@link #MAX_RESPONSE} (left unread from there). */
        private static byte[] readChunked(InputStream in) throws IOException {
            var body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int semicolon = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size");
                }
                if (size == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers are not used
                    }
                    return body.toByteArray();
                }
                if (size < 0 || body.size() + size > MAX_RESPONSE) {
                    return null;
                }
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new IOException("the stream ended inside a chunk");
                }
                body.write(chunk);
                readLine(in);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            var line = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("the stream ended inside a line");
                }
                if (line.length() > 1024) {
                    throw new IOException("line too long");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    /** An answer: always with {@code Content-Length}; {@code keepOpen} false closes the connection after it. */
    record Answer(int status, String contentType, Map<String, String> headers, byte[] body, boolean keepOpen,
                  Runnable after) {
        Answer(int status, String contentType, Map<String, String> headers, byte[] body, boolean keepOpen) {
            this(status, contentType, headers, body, keepOpen, null);
        }

        static Answer json(int status, String json) {
            return new Answer(status, "application/json", Map.of(), (json + "\n").getBytes(StandardCharsets.UTF_8), true);
        }

        static Answer error(int status, String type, String message) {
            return json(status, new String(InvocationResult.errorDocument(type, message), StandardCharsets.UTF_8));
        }

        Answer closing() {
            return new Answer(status, contentType, headers, body, false, after);
        }

        /** This answer, running {@code action} once it is sent. */
        Answer then(Runnable action) {
            return new Answer(status, contentType, headers, body, keepOpen, action);
        }

        void write(OutputStream out, boolean keepAlive) throws IOException {
            var head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                    .append("\r\nContent-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length);
            headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
            if (!keepAlive) {
                head.append("\r\nConnection: close");
            }
            out.write(head.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            if (after != null) {
                after.run();
            }
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 202 -> "Accepted";
                case 400 -> "Bad Request";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 413 -> "Payload Too Large";
                case 431 -> "Request Header Fields Too Large";
                default -> "Internal Server Error";
            };
        }
    }
}
