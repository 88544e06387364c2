package dev.nimbus.gateway.lambda;

import dev.nimbus.core.access.Caller;
import dev.nimbus.core.access.Signer;
import dev.nimbus.core.auth.RequestAuth;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A request body read only once {@link RequestAuth} accepted the headers, so an unsigned or badly
 * signed request is refused before anyone reads (and holds) up to 6 MB of its body; then the body
 * is checked too. The Lambda API and {@code AWS_IAM} function URLs read bodies this way.
 *
 * @param body    the body; null when refused before it was read
 * @param refusal why the request is refused, or null
 */
public record AuthenticatedBody(byte[] body, RequestAuth.Refusal refusal) {

    /** Reads a body; may throw the caller's "too large" error. */
    @FunctionalInterface
    public interface Reader {
        byte[] read() throws IOException;
    }

    /**
     * The body of {@code req}, authenticated by {@code auth}, unless the access filter already
     * authenticated the request with an API key (a {@link Caller} in its context).
     */
    public static AuthenticatedBody read(RequestAuth auth, ServerRequest req, Reader body) throws IOException {
        RequestAuth check = req.context().get(Caller.class).isPresent() ? RequestAuth.OFF
                : auth.signedBy(req.context().get(Signer.class).map(Signer::accessKeyId).orElse(null));
        return read(check, new Request(req.prologue().method().text(), req.path().rawPath(), req.query().rawValue(),
                () -> LambdaHeaders.lowerCased(req)), body);
    }

    /** The parts of a request authentication looks at; the headers are only collected when needed. */
    record Request(String method, String rawPath, String rawQuery, Supplier<Map<String, List<String>>> headers) {
    }

    static AuthenticatedBody read(RequestAuth auth, Request req, Reader body) throws IOException {
        if (auth == RequestAuth.OFF) {
            return new AuthenticatedBody(body.read(), null);
        }
        Map<String, List<String>> headers = req.headers().get();
        var refusal = auth.checkHeaders(req.method(), req.rawPath(), req.rawQuery(), headers);
        if (refusal != null) {
            return new AuthenticatedBody(null, refusal);
        }
        byte[] bytes = body.read();
        return new AuthenticatedBody(bytes, auth.check(req.method(), req.rawPath(), req.rawQuery(), headers, bytes));
    }
}
