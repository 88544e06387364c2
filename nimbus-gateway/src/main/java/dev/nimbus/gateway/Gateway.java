package dev.nimbus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.http.FunctionRoute;
import dev.nimbus.gateway.http.FunctionUrlRoute;
import dev.nimbus.gateway.lambda.LambdaInvoke;
import io.helidon.webserver.http.HttpRouting;
import java.time.InstantSource;

/**
 * The invoke routes of the data plane, registered on the server's routing by the composition root.
 * Asynchronous invocations are handed to {@link AsyncEvents}, which commits them before the 202.
 */
public final class Gateway {
    private final LambdaInvoke lambda;
    private final FunctionRoute functions;
    private final NativeInvoke nativeInvoke;
    private final FunctionUrlRoute urls;

    private Gateway(LambdaInvoke lambda, FunctionRoute functions, NativeInvoke nativeInvoke, FunctionUrlRoute urls) {
        this.lambda = lambda;
        this.functions = functions;
        this.nativeInvoke = nativeInvoke;
        this.urls = urls;
    }

    /**
     * {@code auth} checks every request to the Lambda Invoke API and to {@code AWS_IAM} function URLs
     * ({@link RequestAuth#OFF} lets all through); {@code async} takes {@code Event} invocations.
     */
    public static Gateway create(FunctionCatalog catalog, Invoker invoker, AsyncEvents async, RequestAuth auth,
                                 ObjectMapper json, InstantSource clock) {
        var functions = new FunctionRoute(catalog, invoker, json, clock);
        return new Gateway(new LambdaInvoke(catalog, invoker, async, auth, json, clock), functions,
                new NativeInvoke(catalog, invoker, async, clock), new FunctionUrlRoute(catalog, functions, auth, json));
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/2015-03-31/functions/{name}/invocations", lambda::handle)
                .post("/api/v1/functions/{name}/invoke", nativeInvoke::handle)
                .post("/api/v1/functions/{name}/async", nativeInvoke::handleAsync)
                .any("/fn/*", functions::handle)
                .any("/url/*", urls::handle);
    }

}
