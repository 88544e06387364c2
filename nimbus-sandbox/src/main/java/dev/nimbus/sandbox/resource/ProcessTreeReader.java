package dev.nimbus.sandbox.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * CPU time and resident memory of a set of processes, read from a {@code /proc} tree.
 *
 * <p>A process's CPU time is utime + stime + cutime + cstime ({@code stat} fields 14 to 17): the
 * last two hold the time of the children it has waited for, so the work of a child that ran and
 * ended (a shell command, a worker) stays in the sum instead of making it drop. A child still
 * alive is not yet in its parent's cutime, so nothing counts twice. Resident memory is the sum of
 * VmRSS: pages the processes share (after a fork, shared libraries) count once per process, so a
 * tree that shares much reads high; a cgroup's {@code memory.current} has no such error.
 *
 * <p>Threading: immutable; see {@link ResourceReader}.
 */
final class ProcessTreeReader implements ResourceReader {
    /**
     * {@code /proc} reports times in USER_HZ ticks, which the kernel fixes at 100 on every
     * architecture the JDK runs on ({@code getconf CLK_TCK} prints the same, at the cost of a
     * process start): 250 ticks are 2.5 s of CPU.
     */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private final Path procRoot;
    private final Supplier<? extends Collection<Long>> pids;

    ProcessTreeReader(Path procRoot, Supplier<? extends Collection<Long>> pids) {
        this.procRoot = Objects.requireNonNull(procRoot, "procRoot");
        this.pids = Objects.requireNonNull(pids, "pids");
    }

    @Override
    public ResourceSample read(InstantSource clock) {
        long ticks = 0;
        long rssKb = 0;
        for (long pid : pids.get()) {
            Path dir = procRoot.resolve(Long.toString(pid));
            String stat;
            try {
                stat = Files.readString(dir.resolve("stat"));
            } catch (IOException gone) {
                continue; // the process ended after it was listed
            }
            ticks += cpuTicks(stat, dir);
            rssKb += rssKb(dir);
        }
        return new ResourceSample(clock.instant(), ticks * NANOS_PER_TICK, rssKb * 1024);
    }

    /**
     * utime + stime + cutime + cstime of one {@code stat} line. Field 2, the command name, is in
     * parentheses and may itself hold spaces and ')' (a process can name itself "a) b"), so the
     * fields are counted from the last ')': field 3 is the first after it.
     */
    private static long cpuTicks(String stat, Path dir) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
        try {
            return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])
                    + Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("unexpected format of " + dir.resolve("stat") + ": " + stat, e);
        }
    }

    /** VmRSS in kB; 0 for a process with no memory of its own (a zombie) or one that just ended. */
    private static long rssKb(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException gone) {
            // ended between reading stat and status: its CPU time counts, its memory is free
        }
        return 0;
    }
}
