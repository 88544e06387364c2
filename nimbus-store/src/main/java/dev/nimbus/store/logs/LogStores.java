package dev.nimbus.store.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;

/** Creates function log stores. */
public final class LogStores {
    /** 5 MiB per function, about 10 MiB kept with the rotated file. */
    public static final long DEFAULT_MAX_BYTES_PER_FUNCTION = 5L * 1024 * 1024;

    private LogStores() {
    }

    /**
     * Logs under {@code <dataDir>/logs/}.
     *
     * @param maxBytesPerFunction size at which a function's file is rotated, 1024 bytes to 1 TiB
     * @param clock               stamps the platform lines the store writes itself (skip notices)
     * @throws IllegalArgumentException if the bound is out of range
     */
    public static LogFiles onDisk(Path dataDir, long maxBytesPerFunction, InstantSource clock) throws IOException {
        return new DirectoryLogs(dataDir.resolve("logs"), maxBytesPerFunction, Follower.DEFAULT_CAPACITY, clock);
    }

    /** Logs with the default bound and the system clock. */
    public static LogFiles onDisk(Path dataDir) throws IOException {
        return onDisk(dataDir, DEFAULT_MAX_BYTES_PER_FUNCTION, InstantSource.system());
    }
}
