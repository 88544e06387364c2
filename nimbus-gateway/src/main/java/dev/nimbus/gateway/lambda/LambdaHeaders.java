package dev.nimbus.gateway.lambda;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTTP headers of the Lambda Invoke API (lambda-compat.md §4.1, §4.3). */
public final class LambdaHeaders {
    public static final HeaderName REQUEST_ID = HeaderNames.create("x-amzn-RequestId");
    public static final HeaderName ERROR_TYPE = HeaderNames.create("x-amzn-ErrorType");
    public static final HeaderName CONTENT_TYPE = HeaderNames.CONTENT_TYPE;
    public static final HeaderName RETRY_AFTER = HeaderNames.create("Retry-After");
    public static final HeaderName EXECUTED_VERSION = HeaderNames.create("X-Amz-Executed-Version");
    public static final HeaderName FUNCTION_ERROR = HeaderNames.create("X-Amz-Function-Error");
    public static final HeaderName LOG_RESULT = HeaderNames.create("X-Amz-Log-Result");
    static final HeaderName INVOCATION_TYPE = HeaderNames.create("X-Amz-Invocation-Type");
    static final HeaderName LOG_TYPE = HeaderNames.create("X-Amz-Log-Type");
    static final HeaderName CLIENT_CONTEXT = HeaderNames.create("X-Amz-Client-Context");
    static final HeaderName TRACE_ID = HeaderNames.create("X-Amzn-Trace-Id");

    private LambdaHeaders() {
    }

    /** The request's headers with lower-case names, as {@link dev.nimbus.core.auth.RequestAuth} takes them. */
    public static Map<String, List<String>> lowerCased(ServerRequest req) {
        var out = new LinkedHashMap<String, List<String>>();
        for (Header h : req.headers()) {
            out.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(h.allValues());
        }
        return out;
    }
}
