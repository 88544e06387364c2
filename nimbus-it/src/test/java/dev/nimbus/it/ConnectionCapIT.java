package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that hold connections: connections are capped, so a flood cannot exhaust the server. */
class ConnectionCapIT {
    @TempDir
    Path data;

    private static Socket connect(String url) throws Exception {
        URI uri = URI.create(url);
        var socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        try (var server = NimbusProcess.start(data, "http.max-connections=16")) {
            List<Socket> held = new ArrayList<>();
            try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                for (int i = 0; i < 16; i++) {
                    Socket s = connect(server.url());
                    s.getOutputStream().write("GET /api/v1/status HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[4096]); // answered: the connection is accepted and kept alive
                    held.add(s);
                }
                CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/status")).header("Authorization", "Bearer "
                        + NimbusProcess.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());

                boolean servedAtOnce;
                try {
                    waiting.get(1500, TimeUnit.MILLISECONDS);
                    servedAtOnce = true;
                } catch (TimeoutException e) {
                    servedAtOnce = false;
                }
                assertThat(servedAtOnce).as("the 17th connection waits").isFalse();
                held.removeFirst().close();
                assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
