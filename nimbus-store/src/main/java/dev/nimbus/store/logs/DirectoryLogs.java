package dev.nimbus.store.logs;

import dev.nimbus.core.function.FunctionName;
import dev.nimbus.core.logs.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link LogFiles} in one directory, a {@link FunctionLog} per function.
 *
 * <p>Threading: every method may be called from any thread; {@link #append} is called at high
 * rates by the readers of instances' output. Functions never contend with each other: each has
 * its own {@link FunctionLog} and lock, created on first use in a concurrent map. {@link #delete}
 * replaces the entry inside the map's {@code compute}, so an append racing with it either lands
 * before (and is deleted with the rest) or starts a fresh log after it.
 */
final class DirectoryLogs implements LogFiles {
    private final Path dir;
    private final long maxBytes;
    private final int followCapacity;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, FunctionLog> logs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    DirectoryLogs(Path dir, long maxBytes, int followCapacity, InstantSource clock) throws IOException {
        if (maxBytes < 1024 || maxBytes > 1L << 40) {
            throw new IllegalArgumentException(
                    "maxBytesPerFunction must be between 1024 and 1099511627776, was " + maxBytes);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.followCapacity = followCapacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        Files.createDirectories(dir);
    }

    @Override
    public void append(LogRecord given) {
        Objects.requireNonNull(given, "record");
        Objects.requireNonNull(given.time(), "record.time");
        String function = checkName(given.function());
        LogRecord record = LogLines.normalize(given); // followers get exactly what tail will read back
        byte[] line = LogLines.encode(record);
        try {
            while (!closed) {
                FunctionLog log = logs.computeIfAbsent(function, this::newLog);
                if (log.append(record, line)) {
                    return;
                }
                logs.remove(function, log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the log of " + function, e);
        }
    }

    @Override
    public List<LogRecord> tail(String function, int limit) {
        checkName(function);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        FunctionLog log = logs.get(function);
        try {
            // Without a writer, a private FunctionLog just reads the files.
            return (log != null ? log : newLog(function)).tail(limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + function, e);
        }
    }

    @Override
    public AutoCloseable follow(String function, Consumer<LogRecord> listener) {
        checkName(function);
        Objects.requireNonNull(listener, "listener");
        while (!closed) {
            FunctionLog log = logs.computeIfAbsent(function, this::newLog);
            Follower follower = log.follow(listener, followCapacity, clock);
            if (follower != null) {
                return follower;
            }
            logs.remove(function, log);
        }
        throw new IllegalStateException("function logs are closed");
    }

    @Override
    public void delete(String function) {
        checkName(function);
        logs.compute(function, (name, log) -> {
            FunctionLog files = log != null ? log : newLog(name);
            files.close();
            try {
                files.deleteFiles();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the log of " + name, e);
            }
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
        logs.values().forEach(FunctionLog::close);
        logs.clear();
    }

    private FunctionLog newLog(String function) {
        return new FunctionLog(dir, function, maxBytes);
    }

    private static String checkName(String function) {
        if (!FunctionName.isValid(function)) {
            throw new IllegalArgumentException(
                    "function name must be 1-64 letters, digits, '-' or '_', was '" + clip(function) + "'");
        }
        return function;
    }

    private static String clip(String s) {
        if (s == null) {
            return "null";
        }
        String clipped = s.length() <= 80 ? s : s.substring(0, 80) + "...";
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
