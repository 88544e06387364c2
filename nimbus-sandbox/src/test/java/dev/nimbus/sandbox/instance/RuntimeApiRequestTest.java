package dev.nimbus.sandbox.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeApiRequestTest {
    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static RuntimeApi.Request read(String text) throws Exception {
        return RuntimeApi.Request.read(stream(text), OutputStream.nullOutputStream());
    }

    @Test
    void aClientExpectingContinueIsToldToSendItsBody() throws Exception {
        var out = new ByteArrayOutputStream();
        var request = RuntimeApi.Request.read(stream("POST /2018-06-01/runtime/invocation/a/response HTTP/1.1\r\n"
                + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}"), out);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(new String(request.body, StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void requestsFollowEachOtherOnOneConnectionWithTheirBodies() throws Exception {
        InputStream in = stream("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\nNimbus-Handler-Init-Us: 12\r\n\r\n"
                + "POST /2018-06-01/runtime/invocation/abc/response?x=1 HTTP/1.1\r\nContent-Length: 5\r\n"
                + "Content-Type: text/plain\r\n\r\nhello"
                + "POST /2018-06-01/runtime/invocation/abc/error HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\n{\"a\r\n2;ext=1\r\n\":\r\n2\r\n1}\r\n0\r\n\r\n");

        var next = RuntimeApi.Request.read(in, OutputStream.nullOutputStream());
        var response = RuntimeApi.Request.read(in, OutputStream.nullOutputStream());
        var error = RuntimeApi.Request.read(in, OutputStream.nullOutputStream());

        assertThat(next.method).isEqualTo("GET");
        assertThat(next.header(RuntimeApi.HANDLER_INIT_HEADER)).isEqualTo("12");
        assertThat(next.keepAlive).isTrue();
        assertThat(response.path).isEqualTo("/2018-06-01/runtime/invocation/abc/response");
        assertThat(new String(response.body, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(response.header("content-type")).isEqualTo("text/plain");
        assertThat(new String(error.body, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(RuntimeApi.Request.read(in, OutputStream.nullOutputStream())).as("the end of the stream").isNull();
    }

    @Test
    void anOversizedBodyIsLeftUnreadAndTheConnectionCloses() throws Exception {
        var request = read("POST /2018-06-01/runtime/invocation/a/response HTTP/1.1\r\n"
                + "Content-Length: " + (RuntimeApi.MAX_RESPONSE + 1) + "\r\n\r\nxyz");

        assertThat(request.body).isNull();
        assertThat(request.keepAlive).isFalse();
    }

    @Test
    void malformedOrOversizedHeadsAreRefusedAndClose() throws Exception {
        for (String head : new String[] {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: -4\r\n\r\n",
                "GET / HTTP/1.1\r\nX: " + "a".repeat(RuntimeApi.MAX_HEAD) + "\r\n\r\n"}) {
            var request = read(head);
            assertThat(request.refusal).as(head.substring(0, Math.min(30, head.length()))).isNotNull();
            assertThat(request.refusal.keepOpen()).isFalse();
        }
        assertThat(read("GET /ping HTTP/1.0\r\n\r\n").keepAlive).as("HTTP/1.0").isFalse();
        assertThat(read("GET /ping HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive).isFalse();
    }

    @Test
    void answersCarryTheirLengthAndSayWhenTheConnectionCloses() throws Exception {
        var out = new ByteArrayOutputStream();
        new RuntimeApi.Answer(200, "application/json", Map.of("Lambda-Runtime-Aws-Request-Id", "r1"),
                "{}".getBytes(StandardCharsets.UTF_8), true).write(out, false);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nLambda-Runtime-Aws-Request-Id: r1\r\nConnection: close\r\n\r\n{}");
    }
}
