package dev.nimbus.sandbox.launch;

/**
 * A started instance process, the control group that holds it and everything it starts (null
 * where cgroups are not available), and the way it reaches the platform.
 */
public record Spawned(Process process, Cgroup cgroup, InstanceNetwork network) {

    /** True if the kernel killed a process of the instance for running out of its memory. */
    public boolean outOfMemory() {
        return cgroup != null && cgroup.outOfMemory();
    }

    /**
     * Kills the process and all its descendants at once, including processes that left its tree
     * with a double fork (they stay in its cgroup), removes the cgroup and stops its relays.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (cgroup != null) {
            cgroup.destroy();
        }
        network.close();
    }
}
