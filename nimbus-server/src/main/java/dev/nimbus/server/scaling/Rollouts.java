package dev.nimbus.server.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.controlplane.function.GateResult;
import dev.nimbus.controlplane.function.PoolHooks;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.invoke.InvocationResult;
import dev.nimbus.sandbox.pool.InstancePool;
import java.io.IOException;
import java.util.Optional;

/**
 * Health-gated rollouts on the instance pool: a new {@code $LATEST} revision first starts its
 * initial instances ({@code max(initialInstances, minInstances)}, or as many as the revision it
 * replaces has ready, within its maximum) and is admitted only when all of them initialise. So an
 * update under load lands on warm instances, and code that fails its init never replaces code
 * that works. With no instance to start (initial and min instances 0, nothing running), a
 * revision is admitted unchecked.
 */
public final class Rollouts {
    private static final System.Logger LOG = System.getLogger(Rollouts.class.getName());

    private final InstancePool pool;
    private final ObjectMapper json;

    private Rollouts(InstancePool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The control plane's hooks into {@code pool}: the rollout gate and the warm instance count. */
    public static PoolHooks hooks(InstancePool pool, ObjectMapper json) {
        var rollouts = new Rollouts(pool, json);
        return new PoolHooks(rollouts::admit, pool::warmInstances);
    }

    private GateResult admit(FunctionRevision candidate, FunctionRevision previous) {
        int running = previous == null ? 0 : pool.pool(previous).readyInstances();
        int n = Math.min(Math.max(candidate.config().scaling().instancesOnDeploy(), running),
                candidate.config().concurrency());
        if (n == 0) {
            return GateResult.ADMITTED;
        }
        Optional<InvocationResult.InitError> failed = pool.pool(candidate)
                .prewarm(n, candidate.config().scaling().stableWindow());
        if (failed.isEmpty()) {
            return GateResult.ADMITTED;
        }
        pool.discard(candidate);
        InvocationResult.InitError error = failed.get();
        LOG.log(System.Logger.Level.WARNING, "{0} failed to initialise ({1}); {2}", candidate.key(), error.errorType(),
                previous == null ? "it serves anyway, as the function is new" : "the previous revision keeps serving");
        return new GateResult.Refused(error.errorType(), message(error));
    }

    /** The message of an init error document, or the whole document if it is not one. */
    private String message(InvocationResult.InitError error) {
        try {
            return json.readTree(error.body()).path("errorMessage").asText(new String(error.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new String(error.body(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
