package dev.nimbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function routes and the native invoke with {@code name:qualifier}, and the two API Gateway
 * payload formats: version 1 of "web" speaks payload 2.0, its {@code $LATEST} was switched to 1.0.
 */
class HttpRoutesIT {
    static final String APP = """
            import base64, json, os
            def handler(event, context):
                mode = (event.get("queryStringParameters") or {}).get("mode", "echo")
                version = os.environ["AWS_LAMBDA_FUNCTION_VERSION"]
                if mode == "bare":
                    return {"hello": "world", "version": version}
                if mode == "binary":
                    return {"statusCode": 200, "headers": {"Content-Type": "image/png"},
                            "body": base64.b64encode(bytes([0x89, 0x50, 0x4e, 0x47, 0])).decode(), "isBase64Encoded": True}
                if mode == "cookies":
                    return {"statusCode": 201, "headers": {"X-Single": "s", "X-Both": "1"}, "body": "ok",
                            "cookies": ["c1=v1", "c2=v2; Path=/"],
                            "multiValueHeaders": {"Set-Cookie": ["m1=1", "m2=2"], "X-Multi": ["a", "b"], "X-Both": ["1", "2"]}}
                return {"statusCode": 200, "headers": {"Content-Type": "application/json", "X-Version": version},
                        "body": json.dumps(event)}
            """;
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0};

    @TempDir
    static Path data;
    static NimbusProcess server;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        server = NimbusProcess.start(data);
        api = new Api(server.url());
        byte[] zip = Zips.of(Map.of("app.py", APP));
        assertThat(api.deploy("web", zip, Api.config("python3", "app.handler")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/functions/web/versions", "{}").json().get("version").asText()).isEqualTo("1");
        assertThat(api.deploy("web", zip, Api.config("python3", "app.handler", "httpPayloadFormat", "1.0")).status())
                .isEqualTo(200);
        assertThat(api.putJson("/api/v1/functions/web/aliases/prod", Map.of("version", "1")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A PUT with a repeated header, cookies, a repeated query parameter and a binary body. */
    static Api.Response request(String path) {
        return api.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "image/png").header("X-Multi", "a").header("X-Multi", "b")
                .header("Cookie", "k1=v1; k2=v2")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG)));
    }

    static JsonNode event(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        try {
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A HEAD answer with a body would be read as the start of the next answer on the same connection. */
    @Test
    void aHeadOfAFunctionRouteCarriesTheLengthButNoBody() throws IOException {
        URI url = URI.create(server.url());
        String auth = "Authorization: Bearer " + NimbusProcess.ADMIN_KEY + "\r\n";
        try (var socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            var out = socket.getOutputStream();
            out.write(("HEAD /fn/web:prod/x?mode=bare HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").getBytes());
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String length = null;
            for (String line; !(line = in.readLine()).isEmpty(); ) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            assertThat(length).as("the length a GET would have").isNotNull().isNotEqualTo("0");
            out.write(("GET /fn/web:prod/x?mode=bare HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n").getBytes());

            assertThat(in.readLine()).as("the next answer starts where the HEAD answer ended").isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void qualifiersInTheRoutePickTheVersion() {
        assertThat(api.get("/fn/web:1/x").header("X-Version")).isEqualTo("1");
        assertThat(api.get("/fn/web%3A1/x").header("X-Version")).isEqualTo("1");
        assertThat(api.get("/fn/web:prod").header("X-Version")).isEqualTo("1");
        assertThat(api.get("/fn/web%3Aprod/x?y=1").header("X-Version")).isEqualTo("1");
        assertThat(api.get("/fn/web:$LATEST/x").header("X-Version")).isEqualTo("$LATEST");
        assertThat(api.get("/fn/web/x").header("X-Version")).isEqualTo("$LATEST");
    }

    @Test
    void unknownVersionsAndAliasesAre404InTheNativeShape() {
        assertNotFound(api.get("/fn/web:9/x"), "Function version not found: web:9");
        assertNotFound(api.get("/fn/web%3Anope/x"), "Alias not found: web:nope");
        assertNotFound(api.get("/fn/nothing:1/x"), "Function not found: nothing");
        assertNotFound(api.invoke("web:9", "{}"), "Function version not found: web:9");
        assertNotFound(api.invoke("web%3Anope", "{}"), "Alias not found: web:nope");
    }

    static void assertNotFound(Api.Response response, String message) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").get("code").asText()).isEqualTo("NotFound");
        assertThat(response.json().get("error").get("message").asText()).isEqualTo(message);
    }

    @Test
    void theNativeInvokeTakesQualifiersAndReportsTheVersion() {
        var viaAlias = api.invoke("web:prod", "{}");
        assertThat(viaAlias.status()).isEqualTo(200);
        assertThat(viaAlias.header("X-Nimbus-Executed-Version")).isEqualTo("1");
        assertThat(api.invoke("web%3A1", "{}").header("X-Nimbus-Executed-Version")).isEqualTo("1");
        assertThat(api.invoke("web", "{}").header("X-Nimbus-Executed-Version")).isEqualTo("$LATEST");
    }

    @Test
    void payload20JoinsRepeatedValuesSplitsCookiesAndEncodesBinaryBodies() {
        JsonNode e = event(request("/fn/web:1/p/q?a=1&a=2"));

        assertThat(e.get("version").asText()).isEqualTo("2.0");
        assertThat(e.get("rawPath").asText()).isEqualTo("/p/q");
        assertThat(e.get("headers").get("x-multi").asText()).isEqualTo("a,b");
        assertThat(e.get("headers").has("cookie")).isFalse();
        assertThat(e.get("cookies").toString()).isEqualTo("[\"k1=v1\",\"k2=v2\"]");
        assertThat(e.get("queryStringParameters").get("a").asText()).isEqualTo("1,2");
        assertThat(e.get("requestContext").get("http").get("method").asText()).isEqualTo("PUT");
        assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.get("body").asText())).isEqualTo(PNG);
    }

    @Test
    void payload10HasSingleAndMultiValueHeadersAndQueryParameters() {
        JsonNode e = event(request("/fn/web/p/q?a=1&a=2"));

        assertThat(e.get("resource").asText()).isEqualTo("/{proxy+}");
        assertThat(e.get("path").asText()).isEqualTo("/p/q");
        assertThat(e.get("httpMethod").asText()).isEqualTo("PUT");
        assertThat(e.get("pathParameters").get("proxy").asText()).isEqualTo("p/q");
        assertThat(field(e.get("headers"), "x-multi").asText()).isEqualTo("b");
        assertThat(field(e.get("multiValueHeaders"), "x-multi").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(field(e.get("headers"), "cookie").asText()).isEqualTo("k1=v1; k2=v2");
        assertThat(e.get("queryStringParameters").get("a").asText()).isEqualTo("2");
        assertThat(e.get("multiValueQueryStringParameters").get("a").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(e.get("requestContext").get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.get("body").asText())).isEqualTo(PNG);
    }

    /** Header names keep the case the client sent, which HTTP leaves to the client. */
    static JsonNode field(JsonNode object, String name) {
        for (var f : object.properties()) {
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        throw new AssertionError(name + " not in " + object);
    }

    @Test
    void payload20ResponsesSetEachCookieAndIgnoreMultiValueHeaders() {
        var r = api.get("/fn/web:1?mode=cookies");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.raw().headers().allValues("set-cookie")).containsExactly("c1=v1", "c2=v2; Path=/");
        assertThat(r.raw().headers().allValues("x-both")).containsExactly("1");
        assertThat(r.header("x-multi")).isNull();
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void payload10ResponsesMergeHeadersAndMultiValueHeaders() {
        var r = api.get("/fn/web?mode=cookies");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.raw().headers().allValues("set-cookie")).containsExactly("m1=1", "m2=2");
        assertThat(r.raw().headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(r.raw().headers().allValues("x-both")).containsExactly("1", "2");
        assertThat(r.header("x-single")).isEqualTo("s");
    }

    @Test
    void base64ResponseBodiesAreDecodedInBothFormats() {
        for (String route : new String[] {"/fn/web:1?mode=binary", "/fn/web?mode=binary"}) {
            var r = api.get(route);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-type")).isEqualTo("image/png");
            assertThat(r.raw().body()).isEqualTo(PNG);
        }
    }

    @Test
    void aResultWithoutStatusCodeIsA200BodyIn20AndMalformedIn10() {
        var v2 = api.get("/fn/web:1?mode=bare");
        assertThat(v2.status()).isEqualTo(200);
        assertThat(v2.header("content-type")).isEqualTo("application/json");
        assertThat(v2.body()).isEqualTo("{\"hello\":\"world\",\"version\":\"1\"}");

        var v1 = api.get("/fn/web?mode=bare");
        assertThat(v1.status()).isEqualTo(502);
        assertThat(v1.body()).isEqualTo("{\"message\":\"Internal server error\"}");
    }
}
