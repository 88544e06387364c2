package dev.nimbus.sandbox.pool;

import java.util.HashMap;
import java.util.Map;

/**
 * How many instances, and how much of their declared memory, this node may run at once, and how
 * many instances each {@linkplain InstanceGroups group} runs now. A start takes room before it
 * spawns and gives it back when the instance has ended. A group's maximum is not kept here: each
 * start passes the one in force, so a changed quota applies from the next start, and one lowered
 * below the count refuses starts until enough have given their room back.
 *
 * <p>Threading: any thread; the counters sit behind this object's monitor, so a start takes its
 * node and group room together or not at all.
 */
final class NodeCapacity {
    /** A group without a maximum. */
    static final int NO_MAXIMUM = Integer.MAX_VALUE;

    /** What {@link #tryTake} did. */
    enum Take { TAKEN, GROUP_FULL, NODE_FULL }

    private final int maxInstances;
    private final long maxMemoryMb;
    private int instances;
    private long memoryMb;
    private final Map<String, Integer> perGroup = new HashMap<>(); // a group running none is absent

    NodeCapacity(int maxInstances, long maxMemoryMb) {
        this.maxInstances = maxInstances;
        this.maxMemoryMb = maxMemoryMb;
    }

    /**
     * Takes room for one instance of {@code group}, else says what is full. A full group is told
     * first even when the node is full too: evicting one of the group's idle instances frees both.
     */
    synchronized Take tryTake(String group, int groupMax, int instanceMemoryMb) {
        int inGroup = perGroup.getOrDefault(group, 0);
        if (inGroup >= groupMax) {
            return Take.GROUP_FULL;
        }
        if (instances + 1 > maxInstances || memoryMb + instanceMemoryMb > maxMemoryMb) {
            return Take.NODE_FULL;
        }
        instances++;
        memoryMb += instanceMemoryMb;
        perGroup.put(group, inGroup + 1);
        return Take.TAKEN;
    }

    synchronized void give(String group, int instanceMemoryMb) {
        Integer inGroup = perGroup.get(group);
        if (instances == 0 || inGroup == null) {
            throw new IllegalStateException("more instances of group '" + group + "' ended than started");
        }
        instances--;
        memoryMb -= instanceMemoryMb;
        if (inGroup == 1) {
            perGroup.remove(group);
        } else {
            perGroup.put(group, inGroup - 1);
        }
    }

    /** Instances of {@code group} running or starting now. */
    synchronized int instances(String group) {
        return perGroup.getOrDefault(group, 0);
    }

    /** For the server log, not for callers: it names the settings. */
    synchronized String describe() {
        return "the node is at capacity: " + instances + " of " + maxInstances + " instances and " + memoryMb
                + " of " + maxMemoryMb + " MB of function memory in use (pool.max-instances, pool.max-memory)";
    }
}
