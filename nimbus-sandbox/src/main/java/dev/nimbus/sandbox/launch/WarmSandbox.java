package dev.nimbus.sandbox.launch;

import java.nio.file.Path;

/**
 * A sandbox started ahead of need, with nothing of a function in it yet: bubblewrap with its
 * namespaces, seccomp filter, user switch, rlimits and cgroup in force, its relays listening, and
 * a shell waiting to be told what to run. A cold start that takes one ({@link Spawner#warm}) only
 * puts the function's code into {@link #TASK}, limits the cgroup to the function's memory, and
 * hands the shell the command and environment ({@link Spawner#start(WarmSandbox, LaunchSpec)}),
 * which then redirects its output into {@link #outputFifo()} and {@code exec}s the runtime. All of
 * the sandbox's own start is off the cold start's path.
 *
 * <p>Layout in its socket directory (seen at {@code /run/nimbus}): {@code go} (a named pipe the
 * shell reads its orders from), {@code out} (the named pipe the instance's output goes to) and
 * {@code task} (the code, bound read-only at {@link #TASK}).
 *
 * @param process its bubblewrap process
 * @param cgroup  its cgroup, or null without cgroups
 * @param network its socket directory and relays
 */
public record WarmSandbox(Process process, Cgroup cgroup, InstanceNetwork network) {
    /** Where the function's code is, inside, as on Lambda. */
    public static final String TASK = "/var/task";

    /** The named pipe the instance's output goes to, opened by the shell once it has its orders. */
    public Path outputFifo() {
        return network.dir().resolve("out");
    }

    Path orders() {
        return network.dir().resolve("go");
    }

    Path task() {
        return network.dir().resolve("task");
    }

    /** Stops it and removes what it had: for one that will not be used. */
    public void discard() {
        new Spawned(process, cgroup, network, null).kill();
    }
}
