package dev.nimbus.cli.logs;

import dev.nimbus.cli.api.LogRecord;

/**
 * One printed log line: {@code 2025-05-01T10:00:00.123Z [3f0c2a9b] message}. The request id is
 * cut to its first 8 characters, enough to tell invocations apart; lines written while an
 * instance initialises have no request id and show {@code [--------]}.
 */
final class LogLine {
    private static final int ID_CHARS = 8;

    private LogLine() {
    }

    static String format(LogRecord record) {
        String time = record.time().map(Object::toString).orElse(record.rawTime());
        String id = record.requestId().isEmpty() ? "-".repeat(ID_CHARS)
                : record.requestId().substring(0, Math.min(ID_CHARS, record.requestId().length()));
        return time + " [" + id + "] " + record.message().stripTrailing();
    }
}
