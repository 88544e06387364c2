package dev.nimbus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of function output as the logs endpoint sends it.
 *
 * @param time      when the line was read, if the server sent a readable time
 * @param rawTime   the time exactly as sent, for when it could not be read
 * @param function  function name
 * @param revision  revision that printed the line, or null
 * @param requestId invocation the line belongs to; empty during initialisation
 * @param message   the line
 * @param document  the record as the server sent it, printed by {@code -o json}
 */
public record LogRecord(Optional<Instant> time, String rawTime, String function, Long revision, String requestId,
                        String message, JsonNode document) {

    public static LogRecord from(JsonNode json) {
        JsonNode time = json.path("time");
        return new LogRecord(
                WireTime.parse(time),
                time.isMissingNode() || time.isNull() ? "" : time.asText(),
                json.path("function").asText(""),
                json.path("revision").isNumber() ? json.path("revision").asLong() : null,
                json.path("requestId").asText(""),
                json.path("message").asText(""),
                json);
    }
}
