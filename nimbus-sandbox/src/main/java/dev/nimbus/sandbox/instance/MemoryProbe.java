package dev.nimbus.sandbox.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Peak resident memory of a set of processes, read from {@code /proc/<pid>/status} (VmHWM). */
final class MemoryProbe {
    private MemoryProbe() {
    }

    /** The largest VmHWM among {@code pids}, in MB, rounded up; 0 when unknown. */
    static long peakMb(List<Long> pids) {
        long maxKb = 0;
        for (long pid : pids) {
            maxKb = Math.max(maxKb, hwmKb(pid));
        }
        return (maxKb + 1023) / 1024;
    }

    private static long hwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException | SecurityException gone) {
            // the process ended or /proc is not readable
        }
        return 0;
    }
}
