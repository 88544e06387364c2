package dev.nimbus.store.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.logs.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One {@link LogRecord} per line: {@code {"time":"2026-01-02T03:04:05.123Z","function":"orders",
 * "revision":3,"requestId":"...","message":"..."}} then {@code \n}. JSON escapes line breaks and
 * control characters inside the message, so a function cannot forge a line of its own.
 */
final class LogLines {
    /** Longer messages are cut, as Lambda cuts log events at 256 KB. */
    static final int MAX_MESSAGE_CHARS = 256 * 1024;
    static final String TRUNCATED = " [truncated]";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private LogLines() {
    }

    /** The record as it will be read back: null request id and message empty, long messages cut. */
    static LogRecord normalize(LogRecord r) {
        String requestId = r.requestId() == null ? "" : r.requestId();
        String message = r.message() == null ? "" : clip(r.message());
        if (requestId == r.requestId() && message == r.message()) {
            return r;
        }
        return new LogRecord(r.time(), r.function(), r.revision(), requestId, message);
    }

    /** Encodes a {@linkplain #normalize normalised} record. */
    static byte[] encode(LogRecord record) {
        var out = new ByteArrayOutputStream(128 + record.message().length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", record.time().toString());
            json.writeStringField("function", record.function());
            json.writeNumberField("revision", record.revision());
            json.writeStringField("requestId", record.requestId());
            json.writeStringField("message", record.message());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The record of a line without its {@code \n}, or empty if the line is damaged. */
    static Optional<LogRecord> decode(byte[] line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            return Optional.of(new LogRecord(Instant.parse(node.get("time").asText()),
                    node.get("function").asText(), node.get("revision").asLong(),
                    node.get("requestId").asText(), node.get("message").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String clip(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_CHARS - 1))
                ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
        return message.substring(0, end) + TRUNCATED;
    }
}
