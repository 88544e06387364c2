package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A Java Lambda handler behind an HTTP route: answers with a greeting and the request path. */
public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        context.getLogger().log("hello-java invoked with path " + event.get("rawPath"));
        String body = "{\"message\":\"hello from java\",\"function\":\"" + context.getFunctionName() + "\"}";
        return Map.of("statusCode", 200, "headers", Map.of("content-type", "application/json"), "body", body);
    }
}
