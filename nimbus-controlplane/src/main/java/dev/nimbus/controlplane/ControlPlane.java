package dev.nimbus.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.api.FunctionsApi;
import dev.nimbus.controlplane.api.LogsApi;
import dev.nimbus.controlplane.api.VersionsApi;
import dev.nimbus.controlplane.function.FunctionService;
import dev.nimbus.controlplane.function.PoolHooks;
import dev.nimbus.controlplane.lambda.LambdaApi;
import dev.nimbus.core.auth.RequestAuth;
import dev.nimbus.core.code.CodeStore;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfigStore;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionListener;
import dev.nimbus.core.function.FunctionStore;
import dev.nimbus.core.logs.FunctionLogs;
import io.helidon.webserver.http.HttpRouting;
import java.time.InstantSource;
import java.util.function.Predicate;
import dev.nimbus.core.tenancy.Tenancy;

/** The control plane as the composition root sees it: a catalog and the management routes. */
public final class ControlPlane {
    private final FunctionService functions;
    private final FunctionsApi functionsApi;
    private final LogsApi logsApi;
    private final VersionsApi versionsApi;
    private final LambdaApi lambdaApi;

    private ControlPlane(FunctionService functions, FunctionsApi functionsApi, LogsApi logsApi, VersionsApi versionsApi,
                         LambdaApi lambdaApi) {
        this.functions = functions;
        this.functionsApi = functionsApi;
        this.logsApi = logsApi;
        this.versionsApi = versionsApi;
        this.lambdaApi = lambdaApi;
    }

    /**
     * @param secretExists whether a secret an environment refers to exists
     * @param pool       gates updates on their new revision initialising and counts warm instances
     * @param deliveries Lambda's event invoke configurations, kept as delivery configurations
     * @param bus        the topics that destinations may name
     * @param auth       checks every request to the Lambda-compatible API; {@link RequestAuth#OFF} lets all through
     */
    public static ControlPlane create(FunctionStore store, CodeStore code, FunctionListener listener, PoolHooks pool,
                                      FunctionLogs logs, Predicate<String> secretExists, Tenancy tenancy,
                                      DeliveryConfigStore deliveries, BusStore bus, ObjectMapper json, InstantSource clock,
                                      RequestAuth auth) {
        var functions = new FunctionService(store, code, listener, logs, secretExists, tenancy, pool, clock,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        return new ControlPlane(functions, new FunctionsApi(functions, code, tenancy, json),
                new LogsApi(functions, logs, json), new VersionsApi(functions, json),
                LambdaApi.create(functions, code, deliveries, bus, tenancy, json, auth));
    }

    public FunctionCatalog catalog() {
        return functions;
    }

    /** Every function now. */
    public java.util.List<dev.nimbus.core.function.FunctionState> functions() {
        return functions.list();
    }

    public void register(HttpRouting.Builder routing) {
        functionsApi.register(routing);
        logsApi.register(routing);
        versionsApi.register(routing);
        lambdaApi.register(routing);
    }
}
