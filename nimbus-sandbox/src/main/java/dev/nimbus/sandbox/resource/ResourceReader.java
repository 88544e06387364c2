package dev.nimbus.sandbox.resource;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Reads what one instance uses now. What has ended reads as zero: a process that exits between
 * listing and reading is left out, and a tree or cgroup that is gone altogether gives a sample of
 * 0 ns and 0 bytes, which a {@link ResourceWindow} takes as a counter reset.
 *
 * <p>Threading: implementations keep no mutable state; any thread may call {@link #read}, and
 * concurrent calls are independent. Each call does blocking file I/O (a few small reads).
 */
public interface ResourceReader {

    /** A sample of the instance's current use, stamped with {@code clock} once the files are read. */
    ResourceSample read(InstantSource clock);

    /**
     * Sums the processes {@code pids} lists (asked on each read) from {@code procRoot}, normally
     * {@code /proc}: their CPU time from {@code <pid>/stat}, including that of the children they
     * have waited for, so a child that ran and ended still counts; their resident memory from
     * {@code <pid>/status} (VmRSS, pages shared between them counted once per process).
     */
    static ResourceReader ofProcesses(Path procRoot, Supplier<? extends Collection<Long>> pids) {
        return new ProcessTreeReader(procRoot, pids);
    }

    /** Reads a cgroup v2 directory: {@code cpu.stat} (usage_usec) and {@code memory.current}. */
    static ResourceReader ofCgroup(Path cgroupDir) {
        return new CgroupReader(cgroupDir);
    }
}
