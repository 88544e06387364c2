package dev.nimbus.sandbox.launch;

/**
 * A started instance process, the control group that holds it and everything it starts (null
 * where cgroups are not available), the way it reaches the platform, and the secrets it got as
 * files (or null).
 */
public record Spawned(Process process, Cgroup cgroup, InstanceNetwork network, SecretFiles secrets) {

    /** True if the kernel killed a process of the instance for running out of its memory. */
    public boolean outOfMemory() {
        return cgroup != null && cgroup.outOfMemory();
    }

    /**
     * Kills the process and all its descendants at once, including processes that left its tree
     * with a double fork (they stay in its cgroup), removes the cgroup, stops its relays and
     * removes its secret files.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (cgroup != null) {
            cgroup.destroy();
        }
        network.close();
        if (secrets != null) {
            secrets.close();
        }
    }
}
