package dev.nimbus.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/** What both payload formats do alike: header lookup, the body as text or base64, JSON in and out. */
final class HttpBodies {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpBodies() {
    }

    /** The first value of a header, any case; "" if absent. */
    static String header(HttpCall call, String name) {
        for (var h : call.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().getFirst();
            }
        }
        return "";
    }

    /**
     * The body as text, as API Gateway passes it when the content type is textual and the bytes are
     * valid UTF-8; null when it must go as {@link #base64} instead. Decodes the body once: callers
     * keep the answer.
     */
    static String text(HttpCall call) {
        String type = header(call, "content-type").toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.contains("x-www-form-urlencoded");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(call.body())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String base64(HttpCall call) {
        return Base64.getEncoder().encodeToString(call.body());
    }

    /** The result as JSON, or null if it is not JSON. */
    static JsonNode parse(ObjectMapper json, byte[] result) {
        try {
            JsonNode node = json.readTree(result);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
