package dev.nimbus.controlplane.function;

import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.ProvisionedConcurrency;
import java.util.Map;

/**
 * A provisioned-concurrency configuration with what the pool has made of it. {@code allocated} counts,
 * per version the configuration lands on, the initialised instances up to that version's share:
 * 4 requested on version 3, which has 3 instances initialised, is 3 allocated and {@code IN_PROGRESS}.
 * An instance is one invocation at a time and the pool does not say which are busy, so the
 * available count equals the allocated one.
 *
 * @param config    the configuration as stored
 * @param allocated initialised instances counted towards it, 0..requested
 * @param status    {@code READY} once all requested instances are initialised, else {@code IN_PROGRESS}
 */
public record ProvisionedStatus(ProvisionedConcurrency config, int allocated, String status) {

    static ProvisionedStatus of(FunctionState state, ProvisionedConcurrency config, WarmCapacity warm) {
        int allocated = 0;
        for (Map.Entry<String, Integer> share : ProvisionedFloors.split(state, config).entrySet()) {
            allocated += Math.min(share.getValue(), Math.max(0, warm.warm(state.name(), share.getKey())));
        }
        return new ProvisionedStatus(config, allocated, allocated >= config.requested() ? "READY" : "IN_PROGRESS");
    }
}
