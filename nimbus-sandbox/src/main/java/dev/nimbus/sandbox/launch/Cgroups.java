package dev.nimbus.sandbox.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Control groups for instances: each instance gets its own group with a memory limit (no swap), a
 * process limit and a CPU weight proportional to its memory, joins it before its first program
 * runs, and is torn down by killing every process in the group. Works with cgroup v1 (a hierarchy
 * per controller, as on these machines) and v2 (one unified hierarchy), whichever offers the
 * memory and pids controllers. Groups nest under the server's own (so host limits on the server
 * hold for its instances too), in a parent group of this server's own.
 *
 * <p>On v2 a group with processes cannot hand controllers to its children, so the server first
 * moves itself into a {@code server} leaf of its group, as systemd's delegation expects.
 *
 * <p>Threading: immutable once detected; {@link #create} may be called from any thread.
 */
public final class Cgroups {
    /** Lambda's ratio: a function with 1,769 MB gets one full CPU. */
    static final long MB_PER_CPU = 1769;
    private static final System.Logger LOG = System.getLogger(Cgroups.class.getName());
    private static final List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpu");

    enum Version { V1, V2 }

    private final Version version;
    /** This server's parent group in each controller (v1), or its one parent (v2). */
    private final List<Path> parents;

    private Cgroups(Version version, List<Path> parents) {
        this.version = version;
        this.parents = List.copyOf(parents);
    }

    /**
     * The host's cgroups, if they can limit instances; empty (with the reason logged) otherwise.
     *
     * @param group the name of this server's parent group: servers sharing a host must not share it,
     *              since {@link #removeStale} kills whatever is in it
     */
    public static Optional<Cgroups> detect(String group) {
        try {
            return detect(Path.of("/sys/fs/cgroup"), Files.readString(Path.of("/proc/self/cgroup")),
                    ProcessHandle.current().pid(), group);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cgroups are not usable: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Detects usable cgroups under {@code mount}, given the content of {@code /proc/self/cgroup};
     * creates the {@code nimbus} parent groups (and on v2 moves process {@code self} into a leaf).
     */
    static Optional<Cgroups> detect(Path mount, String selfCgroups, long self, String group) {
        try {
            if (Files.isRegularFile(mount.resolve("memory/cgroup.procs")) && Files.isRegularFile(mount.resolve("pids/cgroup.procs"))) {
                return Optional.of(v1(mount, selfCgroups, group));
            }
            Path unified = Files.isRegularFile(mount.resolve("cgroup.controllers")) ? mount : mount.resolve("unified");
            String controllers = Files.isRegularFile(unified.resolve("cgroup.controllers"))
                    ? Files.readString(unified.resolve("cgroup.controllers")) : "";
            if (!controllers.contains("memory") || !controllers.contains("pids")) {
                LOG.log(System.Logger.Level.WARNING, "cgroups are not usable: no v1 memory and pids hierarchies, and"
                        + " the v2 hierarchy offers [" + controllers.strip() + "]");
                return Optional.empty();
            }
            return Optional.of(v2(unified, selfCgroups, self, group));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cgroups are not usable: " + e);
            return Optional.empty();
        }
    }

    private static Cgroups v1(Path mount, String selfCgroups, String group) throws IOException {
        List<Path> parents = new ArrayList<>();
        for (String controller : V1_CONTROLLERS) {
            Path parent = mount.resolve(controller).resolve(relative(ownGroup(selfCgroups, controller))).resolve(group);
            Files.createDirectories(parent);
            parents.add(parent);
        }
        return new Cgroups(Version.V1, parents);
    }

    private static Cgroups v2(Path unified, String selfCgroups, long self, String group) throws IOException {
        Path own = unified.resolve(relative(ownGroup(selfCgroups, "")));
        Path leaf = own.resolve("server");
        Files.createDirectories(leaf);
        write(leaf.resolve("cgroup.procs"), Long.toString(self));
        String enable = "+memory +pids" + (Files.readString(own.resolve("cgroup.controllers")).contains("cpu") ? " +cpu" : "");
        write(own.resolve("cgroup.subtree_control"), enable);
        Path parent = own.resolve(group);
        Files.createDirectories(parent);
        write(parent.resolve("cgroup.subtree_control"), enable);
        return new Cgroups(Version.V2, List.of(parent));
    }

    /**
     * The server's own group for a v1 {@code controller} (a line {@code N:memory:/path}, also in a
     * comma-joined list such as {@code cpu,cpuacct}) or for v2 ({@code controller} empty: the line
     * {@code 0::/path}).
     */
    static String ownGroup(String selfCgroups, String controller) {
        for (String line : selfCgroups.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (controller.isEmpty() ? parts[0].equals("0") && parts[1].isEmpty()
                    : List.of(parts[1].split(",")).contains(controller))) {
                return parts[2].strip();
            }
        }
        throw new IllegalStateException("/proc/self/cgroup names no group for " + (controller.isEmpty() ? "v2" : controller));
    }

    private static String relative(String group) {
        String path = group.startsWith("/") ? group.substring(1) : group;
        if (path.contains("..")) {
            throw new IllegalStateException("unexpected cgroup path " + group);
        }
        return path;
    }

    /** What is in force, for the start-up log and the status API. */
    public String describe() {
        return "cgroup " + version.name().toLowerCase(java.util.Locale.ROOT) + " (memory, pids, cpu) under "
                + parents.getFirst().getParent();
    }

    /**
     * Creates the group {@code name} with its limits.
     *
     * @param memoryBytes the most memory its processes may use together (tmpfs pages included); no swap
     * @param pidsMax     the most processes and threads
     * @param memoryMb    the function's memory setting, which its CPU weight is proportional to
     */
    public Cgroup create(String name, long memoryBytes, int pidsMax, int memoryMb) throws IOException {
        Cgroup group = make(name, pidsMax);
        try {
            limit(group, memoryBytes, memoryMb);
            return group;
        } catch (IOException | RuntimeException e) {
            group.destroy();
            throw e;
        }
    }

    /**
     * Creates the group {@code name} with its process limit, no swap, and (v2) the whole group
     * killed on OOM; memory and CPU follow with {@link #limit}. Making a group is the slow part
     * (milliseconds on v1), which {@link CgroupPool} does ahead of need.
     */
    Cgroup make(String name, int pidsMax) throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("a cgroup name is [A-Za-z0-9._-]{1,100}, was " + name);
        }
        List<Path> dirs = new ArrayList<>();
        try {
            for (Path parent : parents) {
                Path dir = parent.resolve(name);
                Files.createDirectory(dir);
                dirs.add(dir);
            }
            if (version == Version.V1) {
                write(dirs.get(1).resolve("pids.max"), Integer.toString(pidsMax));
            } else {
                Path dir = dirs.getFirst();
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    write(dir.resolve("memory.swap.max"), "0");
                }
                write(dir.resolve("memory.oom.group"), "1");
                write(dir.resolve("pids.max"), Integer.toString(pidsMax));
            }
            return new Cgroup(version, dirs);
        } catch (IOException | RuntimeException e) {
            new Cgroup(version, dirs).destroy();
            throw e instanceof IOException io ? io : new IOException("cannot create cgroup " + name, e);
        }
    }

    /**
     * Sets the memory limit of {@code group} (no swap: v1 limits memory and memory + swap alike) and
     * a CPU weight proportional to {@code memoryMb}.
     */
    void limit(Cgroup group, long memoryBytes, int memoryMb) throws IOException {
        List<Path> dirs = group.dirs();
        if (version == Version.V1) {
            Path memory = dirs.get(0);
            Path limit = memory.resolve("memory.limit_in_bytes");
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            if (!Files.exists(memsw)) {
                write(limit, Long.toString(memoryBytes));
            } else if (memoryBytes > Long.parseLong(Files.readString(limit).strip())) {
                // memory + swap may never be set below memory alone: raised first, lowered last
                write(memsw, Long.toString(memoryBytes));
                write(limit, Long.toString(memoryBytes));
            } else {
                write(limit, Long.toString(memoryBytes));
                write(memsw, Long.toString(memoryBytes));
            }
            write(dirs.get(2).resolve("cpu.shares"), Long.toString(Math.max(2, memoryMb * 1024L / MB_PER_CPU)));
        } else {
            Path dir = dirs.getFirst();
            write(dir.resolve("memory.max"), Long.toString(memoryBytes));
            if (Files.exists(dir.resolve("cpu.weight"))) {
                write(dir.resolve("cpu.weight"), Long.toString(Math.clamp(memoryMb * 100L / MB_PER_CPU, 1, 10_000)));
            }
        }
    }

    /** Kills and removes the groups a previous run left (a server killed with SIGKILL); returns how many. */
    public int removeStale() {
        int removed = 0;
        for (Path parent : parents) {
            try (Stream<Path> children = Files.list(parent)) {
                for (Path dir : children.filter(Files::isDirectory).toList()) {
                    new Cgroup(version, List.of(dir)).destroy();
                    removed++;
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list " + parent + ": " + e.getMessage());
            }
        }
        return removed;
    }

    /** Removes this server's parent groups once its instances' groups are gone (a stopping server). */
    public void removeParents() {
        for (Path parent : parents) {
            try {
                Files.deleteIfExists(parent);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cgroup " + parent + " stays: " + e.getMessage());
            }
        }
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}
