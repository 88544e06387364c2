package dev.nimbus.sandbox.launch;

/**
 * A started instance process and the control group that holds it and everything it starts (null
 * where cgroups are not available).
 */
public record Spawned(Process process, Cgroup cgroup) {

    /** True if the kernel killed a process of the instance for running out of its memory. */
    public boolean outOfMemory() {
        return cgroup != null && cgroup.outOfMemory();
    }

    /**
     * Kills the process and all its descendants at once, including processes that left its tree
     * with a double fork (they stay in its cgroup), and removes the cgroup.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (cgroup != null) {
            cgroup.destroy();
        }
    }
}
