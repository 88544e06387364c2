package dev.nimbus.gateway.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.nimbus.core.auth.RequestAuth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatedBodyTest {
    static final Map<String, List<String>> HEADERS = Map.of("authorization", List.of("AWS4-HMAC-SHA256 ..."));

    /** Refuses unsigned requests from the headers alone; accepts the body only if it is "ok". */
    static final RequestAuth SIGV4_LIKE = new RequestAuth() {
        @Override
        public Refusal check(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
            return new String(body).equals("ok") ? null : new Refusal("InvalidSignatureException", "body hash");
        }

        @Override
        public Refusal checkHeaders(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
            return headers.containsKey("authorization") ? null : new Refusal("MissingAuthenticationTokenException", "unsigned");
        }
    };

    static AuthenticatedBody.Request request(Map<String, List<String>> headers, AtomicInteger collected) {
        return new AuthenticatedBody.Request("POST", "/2015-03-31/functions/f/invocations", "", () -> {
            collected.incrementAndGet();
            return headers;
        });
    }

    @Test
    void aRequestRefusedOnItsHeadersIsRefusedBeforeItsBodyIsRead() throws Exception {
        var result = AuthenticatedBody.read(SIGV4_LIKE, request(Map.of(), new AtomicInteger()), () -> {
            fail("the body was read");
            return null;
        });

        assertThat(result.refusal().errorType()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(result.body()).isNull();
    }

    @Test
    void aRequestWithAcceptedHeadersHasItsBodyCheckedToo() throws Exception {
        var accepted = AuthenticatedBody.read(SIGV4_LIKE, request(HEADERS, new AtomicInteger()), "ok"::getBytes);
        var refused = AuthenticatedBody.read(SIGV4_LIKE, request(HEADERS, new AtomicInteger()), "tampered"::getBytes);

        assertThat(accepted.refusal()).isNull();
        assertThat(accepted.body()).isEqualTo("ok".getBytes());
        assertThat(refused.refusal().errorType()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void withAuthenticationOffTheHeadersAreNotEvenCollected() throws Exception {
        var collected = new AtomicInteger();

        var result = AuthenticatedBody.read(RequestAuth.OFF, request(HEADERS, collected), "x"::getBytes);

        assertThat(result.refusal()).isNull();
        assertThat(result.body()).isEqualTo("x".getBytes());
        assertThat(collected).hasValue(0);
    }
}
