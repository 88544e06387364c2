package dev.nimbus.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} body and hands over the data of each event, per the
 * server-sent events format: {@code data:} lines are joined with newlines, a blank line ends the
 * event, lines starting with {@code :} are comments (keep-alives), other fields are ignored.
 */
final class EventStream {
    private EventStream() {
    }

    static void read(InputStream body, Consumer<String> onData) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    onData.accept(data.toString());
                }
                data = null;
            } else if (line.startsWith("data")) {
                String value = fieldValue(line, "data");
                if (value != null) {
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        }
    }

    /** The value of {@code field: value} (one optional space after the colon), or null for another field. */
    private static String fieldValue(String line, String field) {
        if (line.length() == field.length()) {
            return "";
        }
        if (line.charAt(field.length()) != ':') {
            return null;
        }
        String value = line.substring(field.length() + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
