package dev.nimbus.events.http;

import dev.nimbus.core.tenancy.ResourceKind;
import dev.nimbus.core.tenancy.Scope;
import dev.nimbus.core.tenancy.Tenancy;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.nimbus.core.api.Messages;
import dev.nimbus.core.api.Payloads;
import dev.nimbus.core.event.BusStore;
import dev.nimbus.core.event.DeliveryConfig;
import dev.nimbus.core.event.Destination;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.ValidationException;
import dev.nimbus.core.function.FunctionName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/** Helpers of the schedules and event bus APIs. */
public final class Http {
    private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");
    private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9$_-]{1,128}");

    private Http() {
    }

    /** A function reference {@code name[:qualifier]} that resolves now. */
    public record FunctionRef(String name, String qualifier) {
        public String text() {
            return qualifier == null ? name : name + ":" + qualifier;
        }
    }

    /**
     * What a request may see and refer to: the resources of the namespace it acts in (everything
     * when authentication is off).
     */
    public record Reach(Tenancy tenancy, Optional<Scope> scope) {
        public boolean sees(ResourceKind kind, String name) {
            return tenancy.visible(scope, kind, name);
        }
    }

    /** What {@code req} may see and refer to. */
    public static Reach reach(ServerRequest req, Tenancy tenancy) {
        return new Reach(tenancy, req.context().get(Scope.class));
    }

    /** Checks a schedule, topic or subscription name; {@code what} names it in the error. */
    public static String name(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw invalid(what + " must be 1-64 letters, digits, '.', '_' or '-', not only dots, was '" + FunctionName.clip(value) + "'");
        }
        return value;
    }

    /** Parses {@code name[:qualifier]} and checks the function (and qualifier) exist where the request reaches: 400 or 404. */
    public static FunctionRef function(String ref, FunctionCatalog catalog, Reach reach) {
        if (ref == null || ref.isEmpty()) {
            throw invalid("function is required: a function name, optionally name:qualifier");
        }
        int colon = ref.indexOf(':');
        String name = colon < 0 ? ref : ref.substring(0, colon);
        String qualifier = colon < 0 ? null : ref.substring(colon + 1);
        if (!FunctionName.isValid(name) || (qualifier != null && !QUALIFIER.matcher(qualifier).matches())) {
            throw invalid("function must be name or name:qualifier, was '" + FunctionName.clip(ref) + "'");
        }
        if (catalog.resolve(name, qualifier).isEmpty() || !reach.sees(ResourceKind.FUNCTION, name)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + FunctionName.clip(ref));
        }
        return new FunctionRef(name, qualifier);
    }

    /**
     * The request's JSON body (at most {@code max} bytes) as a {@code type}; 400 with the reason for
     * malformed JSON (a key given twice included), unknown fields and invalid values, 413 beyond
     * {@code max}.
     */
    public static <T> T body(ServerRequest req, ObjectMapper json, Class<T> type, int max) throws IOException {
        try {
            return json.readerFor(type).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readValue(Payloads.read(req.content().inputStream(), max));
        } catch (ValueInstantiationException e) {
            throw e.getCause() instanceof ValidationException v ? invalid(v.getMessage())
                    : Messages.malformedJson(e.getOriginalMessage());
        } catch (JacksonException e) {
            throw Messages.malformedJson(e.getOriginalMessage());
        }
    }

    /**
     * Checks that what {@code config} sends to exists now where the request reaches, and that no
     * destination is {@code owner} itself (which would invoke the function again with each of its
     * own outcomes): 400 or 404.
     */
    public static DeliveryConfig delivery(DeliveryConfig config, String owner, FunctionCatalog catalog, BusStore bus,
                                          Reach reach) {
        if (config == null || config.isEmpty()) {
            return null; // {} sets nothing: the function's configuration applies
        }
        for (Destination d : Arrays.asList(config.onSuccess(), config.onFailure(), config.deadLetter())) {
            if (d == null) {
                continue;
            }
            if (d.kind() == Destination.Kind.TOPIC && (bus.topic(d.name()).isEmpty()
                    || !reach.sees(ResourceKind.TOPIC, d.name()))) {
                throw new ApiException(ErrorCode.NOT_FOUND, "Topic not found: " + d.name() + " (destination " + d + ")");
            }
            if (d.kind() == Destination.Kind.FUNCTION) {
                if (d.name().equals(owner)) {
                    throw invalid("a function cannot be its own destination: " + d);
                }
                if (catalog.resolve(d.name(), d.qualifier()).isEmpty() || !reach.sees(ResourceKind.FUNCTION, d.name())) {
                    throw new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + d + " (destination)");
                }
            }
        }
        return config;
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, message);
    }

    public static void send(ServerResponse res, ObjectMapper json, int status, Object body) throws IOException {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.status(status).send(json.writeValueAsBytes(body));
    }

    /** A handler whose API errors become the native error document. */
    public static Handler guarded(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (ApiException e) {
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.status(e.code().status()).send(ErrorBody.json(e.code(), e.getMessage(), UUID.randomUUID().toString()));
            }
        };
    }
}
