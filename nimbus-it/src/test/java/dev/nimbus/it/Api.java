package dev.nimbus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A thin HTTP client of a Nimbus server, for tests. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String apiKey;
    private final String namespace;

    /** A client sending the test servers' admin key. */
    Api(String url) {
        this(url, NimbusProcess.ADMIN_KEY);
    }

    /** A client sending {@code apiKey} as {@code Authorization: Bearer}, or no key when null. */
    Api(String url, String apiKey) {
        this(url, apiKey, null);
    }

    /** A client sending {@code apiKey} and, unless null, {@code X-Nimbus-Namespace: namespace}. */
    Api(String url, String apiKey, String namespace) {
        this.url = url;
        this.apiKey = apiKey;
        this.namespace = namespace;
    }

    record Response(int status, HttpResponse<byte[]> raw) {
        String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** Uploads {@code zip} and deploys it as {@code name} with {@code config} (API field names). */
    Response deploy(String name, byte[] zip, Map<String, Object> config) {
        Response upload = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/code"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip)));
        if (upload.status() != 201) {
            throw new AssertionError("upload failed: " + upload.status() + " " + upload.body());
        }
        var body = new LinkedHashMap<>(config);
        body.put("codeSha256", upload.json().get("sha256").asText());
        return putJson("/api/v1/functions/" + name, body);
    }

    Response putJson(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response putRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).DELETE());
    }

    Response post(String path, byte[] body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    Response post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Native invoke of {@code name} with a JSON payload. */
    Response invoke(String name, String payload) {
        return post("/api/v1/functions/" + name + "/invoke", payload);
    }

    /** Sends {@code request} with this client's key, unless it carries an {@code Authorization} header of its own. */
    Response send(HttpRequest.Builder request) {
        if (apiKey != null && request.copy().build().headers().firstValue("Authorization").isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (namespace != null) {
            request.header("X-Nimbus-Namespace", namespace);
        }
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> config(String runtime, String handler, Object... more) {
        var m = new LinkedHashMap<String, Object>();
        m.put("runtime", runtime);
        m.put("handler", handler);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }
}
