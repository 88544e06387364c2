package dev.nimbus.core.logs;

import java.util.List;
import java.util.function.Consumer;

/** Per-function log storage with a size bound. Implementations are thread-safe. */
public interface FunctionLogs {

    void append(LogRecord record);

    /** The most recent records of a function, oldest first, at most {@code limit}. */
    List<LogRecord> tail(String function, int limit);

    /** Calls {@code listener} with each new record of the function until the returned handle is closed. */
    AutoCloseable follow(String function, Consumer<LogRecord> listener);

    /** Forgets the logs of a deleted function. */
    void delete(String function);
}
