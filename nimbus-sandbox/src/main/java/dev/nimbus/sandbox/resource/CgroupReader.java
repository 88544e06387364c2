package dev.nimbus.sandbox.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;

/**
 * CPU time and memory of a cgroup v2: {@code cpu.stat}'s usage_usec counts every process that ever
 * ran in the group, and {@code memory.current} is exact where a sum over processes is not.
 *
 * <p>Threading: immutable; see {@link ResourceReader}.
 */
final class CgroupReader implements ResourceReader {
    private final Path dir;

    CgroupReader(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    @Override
    public ResourceSample read(InstantSource clock) {
        try {
            long usageUsec = usageUsec(Files.readAllLines(dir.resolve("cpu.stat")));
            long memory = Long.parseLong(Files.readString(dir.resolve("memory.current")).trim());
            return new ResourceSample(clock.instant(), usageUsec * 1000, memory);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir)) {
                return new ResourceSample(clock.instant(), 0, 0); // the instance ended and its cgroup is removed
            }
            throw new UncheckedIOException("cgroup " + dir + " has no " + e.getFile()
                    + " (is the memory controller enabled in its parent's cgroup.subtree_control?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cgroup " + dir, e);
        }
    }

    private long usageUsec(Iterable<String> cpuStat) {
        for (String line : cpuStat) {
            if (line.startsWith("usage_usec ")) {
                return Long.parseLong(line.substring("usage_usec ".length()).trim());
            }
        }
        throw new IllegalStateException(dir.resolve("cpu.stat") + " has no usage_usec line");
    }
}
