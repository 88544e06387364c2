package dev.nimbus.controlplane.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * JSON as the Lambda API writes it: PascalCase member names, null members left out, unknown
 * request members ignored (lambda-compat.md §5.1). Anything that is not a JSON object of the
 * expected shape is an {@code InvalidRequestContentException}.
 */
final class LambdaJson {
    private final ObjectMapper mapper;

    LambdaJson(ObjectMapper base) {
        this.mapper = base.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** Reads a request body; an empty body reads as {@code {}}, as the SDKs send for requests without members. */
    <T> T read(byte[] body, Class<T> type) {
        try {
            return body.length == 0 ? mapper.readValue("{}", type) : mapper.readValue(body, type);
        } catch (JsonMappingException e) {
            String at = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw LambdaErrors.badJson(at.isEmpty() ? "the body must be a JSON object" : at + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw LambdaErrors.badJson(e.getOriginalMessage());
        } catch (IOException e) {
            throw LambdaErrors.badJson("unreadable body");
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response shape could not be written", e);
        }
    }

    /** Compact JSON text of a node received in a request, e.g. a function URL's Cors, for storing. */
    String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A node from stored JSON text; null stays null. */
    JsonNode tree(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
