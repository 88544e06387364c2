package dev.nimbus.sandbox.pool;

import java.util.OptionalInt;

/**
 * Which functions share an instance quota (their namespace), and how large it is. A function
 * belongs to one group for its whole life; a group's maximum may change at any time, and the pool
 * reads it at each start. A maximum lowered below the instances a group runs stops nothing: new
 * starts wait until enough have ended (or are evicted while idle).
 *
 * <p>Threading: called from request, starter and scaler threads at once, outside the pool's
 * locks; implementations must be thread-safe and fast (a map look-up, no I/O).
 */
public interface InstanceGroups {

    /** Every function in one group without a maximum: the node's capacity is the only limit. */
    InstanceGroups NONE = new InstanceGroups() {
        @Override
        public String group(String functionName) {
            return "";
        }

        @Override
        public OptionalInt maxInstances(String group) {
            return OptionalInt.empty();
        }
    };

    /** The group (namespace) of function {@code functionName}; never null. */
    String group(String functionName);

    /**
     * The most instances, starting ones included, that {@code group} may run at once on this node,
     * 0 or more; empty for no maximum.
     */
    OptionalInt maxInstances(String group);
}
