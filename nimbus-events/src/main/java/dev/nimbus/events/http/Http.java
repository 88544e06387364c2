package dev.nimbus.events.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nimbus.core.api.ApiException;
import dev.nimbus.core.api.ErrorBody;
import dev.nimbus.core.api.ErrorCode;
import dev.nimbus.core.function.FunctionCatalog;
import dev.nimbus.core.function.FunctionName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Helpers of the schedules and event bus APIs. */
public final class Http {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9$_-]{1,128}");

    private Http() {
    }

    /** A function reference {@code name[:qualifier]} that resolves now. */
    public record FunctionRef(String name, String qualifier) {
        public String text() {
            return qualifier == null ? name : name + ":" + qualifier;
        }
    }

    /** Checks a schedule, topic or subscription name; {@code what} names it in the error. */
    public static String name(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw invalid(what + " must be 1-64 letters, digits, '.', '_' or '-', was '" + FunctionName.clip(value) + "'");
        }
        return value;
    }

    /** Parses {@code name[:qualifier]} and checks the function (and qualifier) exist: 400 or 404. */
    public static FunctionRef function(String ref, FunctionCatalog catalog) {
        if (ref == null || ref.isEmpty()) {
            throw invalid("function is required: a function name, optionally name:qualifier");
        }
        int colon = ref.indexOf(':');
        String name = colon < 0 ? ref : ref.substring(0, colon);
        String qualifier = colon < 0 ? null : ref.substring(colon + 1);
        if (!FunctionName.isValid(name) || (qualifier != null && !QUALIFIER.matcher(qualifier).matches())) {
            throw invalid("function must be name or name:qualifier, was '" + FunctionName.clip(ref) + "'");
        }
        if (catalog.resolve(name, qualifier).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Function not found: " + FunctionName.clip(ref));
        }
        return new FunctionRef(name, qualifier);
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
