package dev.nimbus.cli.invoke;

import dev.nimbus.cli.api.LogRecord;
import dev.nimbus.cli.api.ManagementApi;
import java.util.List;
import java.util.OptionalInt;

/**
 * The log lines of one invocation, read from the function's recent lines. The platform's
 * {@code REPORT} line is written as the invocation ends, so it can reach the log a moment after the
 * answer: the lines are read again until it is there, {@link #ATTEMPTS} times at most.
 */
final class InvocationLog {
    /** 10 reads, 200 ms apart: 2 s at most, for a line that usually arrives within milliseconds. */
    static final int ATTEMPTS = 10;
    static final long PAUSE_MILLIS = 200;
    /** Recent lines read per attempt; an invocation among many others may be missed (the lines are the function's). */
    static final int RECENT = 1000;

    private InvocationLog() {
    }

    static List<LogRecord> of(ManagementApi client, String nameAndQualifier, String requestId) {
        int colon = nameAndQualifier.indexOf(':');
        String function = colon < 0 ? nameAndQualifier : nameAndQualifier.substring(0, colon);
        List<LogRecord> lines = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            lines = client.logs(function, OptionalInt.of(RECENT)).stream()
                    .filter(r -> r.requestId().equals(requestId)).toList();
            if (lines.stream().anyMatch(r -> r.message().startsWith("REPORT"))) {
                return lines;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lines;
            }
        }
        return lines;
    }
}
