package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that send a request too slowly (slowloris, reliability-security.md §5.4) are
 * disconnected once {@code http.header-timeout} or {@code http.body-timeout} has passed, while an
 * invocation that runs longer than both is answered.
 */
class SlowClientIT {
    private static final long HEADER_TIMEOUT_MS = 2000;
    private static final long BODY_TIMEOUT_MS = 3000;

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data, "http.header-timeout=2s", "http.body-timeout=3s");
        api = new Api(server.url());
        var deployed = api.deploy("slow", Zips.of(Map.of("app.py", """
                import time
                def h(event, context):
                    time.sleep(event.get("sleep", 0))
                    return {"slept": event.get("sleep", 0)}
                """)), Api.config("python3", "app.h", "timeoutSeconds", 30));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    }

    /** A body is read only once the key is accepted: without one the answer is an immediate 401. */
    private static final String AUTHORIZATION = "Authorization: Bearer " + NimbusProcess.ADMIN_KEY + "\r\n";

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /api/v1/functions/slo",
        "POST /api/v1/functions/slow/invoke HTTP/1.1\r\nHost: x\r\n",
        "POST /api/v1/functions/slow/invoke HTTP/1.1\r\nHost: x\r\nContent-Len",
    })
    void aRequestWhoseHeadersStallIsDisconnected(String sent) throws Exception {
        assertDisconnected(sent, HEADER_TIMEOUT_MS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /api/v1/functions/slow/invoke HTTP/1.1\r\nHost: x\r\n" + AUTHORIZATION
                + "Content-Length: 100\r\n\r\n{\"sleep\": ",
        "POST /api/v1/functions/slow/invoke HTTP/1.1\r\nHost: x\r\n" + AUTHORIZATION
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n",
        "PUT /api/v1/secrets/s HTTP/1.1\r\nHost: x\r\n" + AUTHORIZATION + "Content-Length: 100\r\n\r\n{",
    })
    void aRequestWhoseBodyStallsIsDisconnected(String sent) throws Exception {
        assertDisconnected(sent, BODY_TIMEOUT_MS);
    }

    @Test
    void headersTrickledAByteAtATimeAreCutAtTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write("GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII));
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 40; i++) { // 20 s at one byte per 500 ms, far beyond the timeout
                        out.write('a');
                        out.flush();
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException stopped) {
                    // the server closed the connection, or the test is over
                }
            });

            assertThat(readsToTheEnd(socket.getInputStream())).isTrue();
            assertThat(millisSince(start)).isBetween(HEADER_TIMEOUT_MS - 500, HEADER_TIMEOUT_MS + 4000);
            trickle.interrupt();
        }
    }

    @Test
    void anInvocationLongerThanBothTimeoutsIsAnswered() {
        var response = api.invoke("slow", "{\"sleep\": 6}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("slept").asInt()).isEqualTo(6);
    }

    private static void assertDisconnected(String sent, long timeoutMs) throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));

            assertThat(readsToTheEnd(socket.getInputStream())).as("closed without an answer").isTrue();
            assertThat(millisSince(start)).isBetween(timeoutMs - 500, timeoutMs + 4000);
        }
    }

    /** True once the server closes the connection having sent nothing (or reset it). */
    private static boolean readsToTheEnd(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static Socket connect() throws IOException {
        URI uri = URI.create(server.url());
        var socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
