package dev.nimbus.controlplane.function;

import dev.nimbus.core.function.Alias;
import dev.nimbus.core.function.FunctionRevision;
import dev.nimbus.core.function.FunctionState;
import dev.nimbus.core.function.ProvisionedConcurrency;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a function's provisioned-concurrency configurations into the instances each published
 * version keeps warm. A configuration on a version adds its count to that version; one on an alias
 * splits its count by the alias's weights: the primary version gets {@code round(count × (1 −
 * weight))} and the additional version the rest. Example: 5 on an alias sending 0.3 to version 2
 * and the rest to version 1, plus 2 on version 1 itself: version 1 keeps round(3.5) + 2 = 6,
 * version 2 keeps 1.
 */
final class ProvisionedFloors {
    private ProvisionedFloors() {
    }

    /** Version → instances, leaving out versions with none; ordered by version for stable output. */
    static Map<String, Integer> of(FunctionState state) {
        Map<String, Integer> floors = new TreeMap<>();
        for (ProvisionedConcurrency p : state.provisioned()) {
            split(state, p).forEach((version, count) -> {
                if (count > 0 && !FunctionRevision.LATEST.equals(version)) {
                    floors.merge(version, count, Integer::sum);
                }
            });
        }
        return floors;
    }

    /** The share of one configuration per version it lands on. */
    static Map<String, Integer> split(FunctionState state, ProvisionedConcurrency p) {
        Optional<Alias> alias = state.alias(p.qualifier());
        if (alias.isEmpty()) {
            return Map.of(p.qualifier(), p.requested());
        }
        Alias a = alias.get();
        if (a.additionalVersion() == null) {
            return Map.of(a.version(), p.requested());
        }
        int primary = (int) Math.round(p.requested() * (1 - a.additionalWeight()));
        return Map.of(a.version(), primary, a.additionalVersion(), p.requested() - primary);
    }
}
