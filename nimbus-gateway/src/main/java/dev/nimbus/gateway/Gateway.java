package dev.nimbus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.http.FunctionRoute;
import dev.nimbus.gateway.http.FunctionUrlRoute;
import dev.nimbus.gateway.lambda.AsyncInvoker;
import dev.nimbus.gateway.lambda.LambdaInvoke;
import io.helidon.webserver.http.HttpRouting;
import java.time.InstantSource;

/**
 * The invoke routes of the data plane, registered on the server's routing by the composition root,
 * and the invokers of {@code Event} invocations, stopped by {@link #close}.
 */
public final class Gateway implements AutoCloseable {
    private final AsyncInvoker async;
    private final LambdaInvoke lambda;
    private final FunctionRoute functions;
    private final NativeInvoke nativeInvoke;
    private final FunctionUrlRoute urls;

    private Gateway(AsyncInvoker async, LambdaInvoke lambda, FunctionRoute functions, NativeInvoke nativeInvoke,
                    FunctionUrlRoute urls) {
        this.async = async;
        this.lambda = lambda;
        this.functions = functions;
        this.nativeInvoke = nativeInvoke;
        this.urls = urls;
    }

    /**
     * {@code auth} checks every request to the Lambda Invoke API and to {@code AWS_IAM} function URLs
     * ({@link RequestAuth#OFF} lets all through).
     */
    public static Gateway create(FunctionCatalog catalog, Invoker invoker, RequestAuth auth, GatewayConfig config,
                                 ObjectMapper json, InstantSource clock) {
        AsyncInvoker async = AsyncInvoker.start(invoker, config, clock);
        var functions = new FunctionRoute(catalog, invoker, json, clock);
        return new Gateway(async, new LambdaInvoke(catalog, invoker, async, auth, json), functions,
                new NativeInvoke(catalog, invoker), new FunctionUrlRoute(catalog, functions, auth, json));
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/2015-03-31/functions/{name}/invocations", lambda::handle)
                .post("/api/v1/functions/{name}/invoke", nativeInvoke::handle)
                .any("/fn/*", functions::handle)
                .any("/url/*", urls::handle);
    }

    /** Stops running {@code Event} invocations; those still queued are lost. */
    @Override
    public void close() {
        async.close();
    }
}
