package dev.nimbus.controlplane.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.function.ValidationException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies strictly and turns every mistake into a 400 that names the field. A key
 * given twice is refused rather than resolved (first or last wins), so no two readers of a body can
 * disagree on it.
 */
final class JsonBodies {
    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** Answers {@code status} with {@code body} as JSON and a new request id. */
    void send(ServerResponse res, int status, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(ApiResponses.REQUEST_ID, ApiResponses.newRequestId());
        res.status(status).send(write(body));
    }

    <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw Messages.malformedJson("the body is empty");
        }
        ObjectReader reader = json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return reader.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ApiException(ErrorCode.INVALID_PARAMETER,
                    "unknown field '" + e.getPropertyName() + "'; allowed fields: " + allowed);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ValidationException v) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, v.getMessage());
            }
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "invalid value: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, field(e) + " has the wrong type");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException unreadable) { // e.g. invalid UTF-8 inside a string
                throw Messages.malformedJson(unreadable.getOriginalMessage());
            }
            throw new ApiException(ErrorCode.INVALID_PARAMETER, field(e) + " is invalid");
        } catch (JsonProcessingException e) {
            throw Messages.malformedJson(e.getOriginalMessage());
        } catch (IOException e) {
            throw Messages.malformedJson("unreadable body");
        }
    }

    private static String field(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "the body";
        }
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
