package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance's control group (a directory per v1 controller, or one v2 directory). The instance
 * joins it before its first program runs (see {@link Spawner}); {@link #outOfMemory} tells an OOM kill
 * from other deaths; {@link #destroy} kills whatever is left in it and removes it.
 *
 * <p>Threading: thread-safe; {@link #destroy} may run more than once.
 */
public final class Cgroup {
    private static final System.Logger LOG = System.getLogger(Cgroup.class.getName());

    private final Cgroups.Version version;
    private final List<Path> dirs;

    Cgroup(Cgroups.Version version, List<Path> dirs) {
        this.version = version;
        this.dirs = List.copyOf(dirs);
    }

    /** Its directories: the process joins the group by writing its pid to {@code cgroup.procs} in each. */
    List<Path> dirs() {
        return dirs;
    }

    /** True if the kernel killed a process of this group for running out of its memory. */
    public boolean outOfMemory() {
        Path file = dirs.getFirst().resolve(version == Cgroups.Version.V1 ? "memory.oom_control" : "memory.events");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).strip()) > 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read " + file + ": " + e.getMessage());
        }
        return false;
    }

    /** The processes in the group now. */
    List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            } catch (NoSuchFileException e) {
                // removed already
            } catch (IOException | NumberFormatException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot read " + dir + "/cgroup.procs: " + e.getMessage());
            }
        }
        return pids;
    }

    /**
     * Kills every process in the group (also those that left the instance's process tree with a
     * double fork) and removes it; gives up, with a warning, on a group that keeps a process after
     * about two seconds.
     */
    public void destroy() {
        for (int round = 0; round < 100; round++) {
            List<Long> left = processes();
            if (left.isEmpty()) {
                break;
            }
            if (version == Cgroups.Version.V2 && Files.exists(dirs.getFirst().resolve("cgroup.kill"))) {
                try {
                    Cgroups.write(dirs.getFirst().resolve("cgroup.kill"), "1");
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cgroup.kill failed: " + e.getMessage());
                }
            }
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            sleep();
        }
        for (Path dir : dirs) {
            for (int round = 0; round < 100 && Files.exists(dir); round++) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    sleep(); // its last processes are still exiting
                }
            }
            if (Files.exists(dir)) {
                LOG.log(System.Logger.Level.WARNING, "cgroup {0} could not be removed; processes {1} remain", dir,
                        processes());
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return dirs.toString();
    }
}
