package dev.nimbus.sandbox.pool;

/**
 * How many instances, and how much of their declared memory, this node may run at once. A start
 * takes room before it spawns and gives it back when the instance has ended.
 *
 * <p>Threading: any thread; the counters sit behind this object's monitor.
 */
final class NodeCapacity {
    private final int maxInstances;
    private final long maxMemoryMb;
    private int instances;
    private long memoryMb;

    NodeCapacity(int maxInstances, long maxMemoryMb) {
        this.maxInstances = maxInstances;
        this.maxMemoryMb = maxMemoryMb;
    }

    synchronized boolean tryTake(int instanceMemoryMb) {
        if (instances + 1 > maxInstances || memoryMb + instanceMemoryMb > maxMemoryMb) {
            return false;
        }
        instances++;
        memoryMb += instanceMemoryMb;
        return true;
    }

    synchronized void give(int instanceMemoryMb) {
        if (instances == 0) {
            throw new IllegalStateException("more instances ended than started");
        }
        instances--;
        memoryMb -= instanceMemoryMb;
    }

    synchronized String describe() {
        return "the node is at capacity: " + instances + " of " + maxInstances + " instances and " + memoryMb
                + " of " + maxMemoryMb + " MB of function memory in use (pool.max-instances, pool.max-memory)";
    }
}
