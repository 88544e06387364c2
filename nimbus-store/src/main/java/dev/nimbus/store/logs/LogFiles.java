package dev.nimbus.store.logs;

import dev.nimbus.core.logs.FunctionLogs;

/**
 * {@link FunctionLogs} kept in files under {@code <dataDir>/logs/}. Each function appends to
 * {@code <function>.log}; when the next line would take it past {@code maxBytesPerFunction} it is
 * renamed to {@code <function>.log.1} (replacing the previous one), so a function keeps at most
 * about twice the bound. Function names are checked again here (letters, digits, '-', '_'; 1-64
 * characters) and anything else is refused with an {@link IllegalArgumentException}, since they
 * become file names.
 *
 * <p>{@code follow} delivers through a bounded buffer per follower, drained by its own virtual
 * thread, so a slow listener never blocks the functions that print: when its buffer is full,
 * records are skipped for that follower and it is told how many with a platform line
 * ({@code [nimbus] N log lines skipped ...}) before the next record it gets. A listener that throws
 * is dropped. Closing the store, or deleting the function, ends its followers. Created by
 * {@link LogStores}.
 */
public interface LogFiles extends FunctionLogs, AutoCloseable {

    /** Closes the files and ends the followers; appends after this are dropped. */
    @Override
    void close();
}
