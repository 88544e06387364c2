package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers with what the context reports, and logs through it. */
public class ContextEcho implements RequestHandler<Object, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Object event, Context context) {
    context.getLogger().log("logged via context\n");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("requestId", context.getAwsRequestId());
    result.put("arn", context.getInvokedFunctionArn());
    result.put("function", context.getFunctionName());
    result.put("version", context.getFunctionVersion());
    result.put("memory", context.getMemoryLimitInMB());
    result.put("remaining", context.getRemainingTimeInMillis());
    result.put("trace", System.getProperty("com.amazonaws.xray.traceHeader"));
    result.put("app", context.getClientContext() == null
        ? null : context.getClientContext().getClient().getAppTitle());
    result.put("identity", context.getIdentity() == null
        ? null : context.getIdentity().getIdentityId());
    result.put("loader", Thread.currentThread().getContextClassLoader().getName());
    return result;
  }
}
