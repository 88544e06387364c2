package dev.nimbus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.invoke.Invoker;
import dev.nimbus.gateway.http.ApiGatewayEvents;
import dev.nimbus.gateway.http.FunctionRoute;
import dev.nimbus.gateway.lambda.LambdaInvoke;
import io.helidon.webserver.http.HttpRouting;
import java.time.InstantSource;

/** The invoke routes of the data plane, registered on the server's routing by the composition root. */
public final class Gateway {
    private final LambdaInvoke lambda;
    private final FunctionRoute functions;
    private final NativeInvoke nativeInvoke;

    private Gateway(FunctionCatalog catalog, Invoker invoker, ObjectMapper json, InstantSource clock) {
        this.lambda = new LambdaInvoke(catalog, invoker, json);
        this.functions = new FunctionRoute(catalog, invoker, new ApiGatewayEvents(json), clock);
        this.nativeInvoke = new NativeInvoke(catalog, invoker);
    }

    public static Gateway create(FunctionCatalog catalog, Invoker invoker, ObjectMapper json, InstantSource clock) {
        return new Gateway(catalog, invoker, json, clock);
    }

    public void register(HttpRouting.Builder routing) {
        routing.post("/2015-03-31/functions/{name}/invocations", lambda::handle)
                .post("/api/v1/functions/{name}/invoke", nativeInvoke::handle)
                .any("/fn/*", functions::handle);
    }
}
