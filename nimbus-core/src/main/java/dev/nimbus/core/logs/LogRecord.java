package dev.nimbus.core.logs;

import java.time.Instant;

/**
 * One line of function output, or a platform line such as START/END/REPORT.
 *
 * @param time      when the line was read
 * @param function  function name
 * @param revision  function revision that printed it
 * @param requestId invocation the line belongs to, or empty during initialisation
 * @param message   the line without its line terminator
 */
public record LogRecord(Instant time, String function, long revision, String requestId, String message) {
}
