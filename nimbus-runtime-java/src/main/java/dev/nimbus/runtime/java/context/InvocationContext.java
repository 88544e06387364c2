package dev.nimbus.runtime.java.context;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.nimbus.runtime.java.runtimeapi.Invocation;
import java.time.InstantSource;

/**
 * The {@link Context} of one invocation. Immutable apart from the clock it reads.
 *
 * <p>Threading: may be passed to any thread the handler starts; every field is final.
 */
final class InvocationContext implements Context {
  private final FunctionInfo function;
  private final Invocation invocation;
  private final CognitoIdentity identity;
  private final ClientContext clientContext;
  private final LambdaLogger logger;
  private final InstantSource clock;

  InvocationContext(FunctionInfo function, Invocation invocation, CognitoIdentity identity,
      ClientContext clientContext, LambdaLogger logger, InstantSource clock) {
    this.function = function;
    this.invocation = invocation;
    this.identity = identity;
    this.clientContext = clientContext;
    this.logger = logger;
    this.clock = clock;
  }

  @Override
  public String getAwsRequestId() {
    return invocation.requestId();
  }

  @Override
  public String getLogGroupName() {
    return function.logGroupName();
  }

  @Override
  public String getLogStreamName() {
    return function.logStreamName();
  }

  @Override
  public String getFunctionName() {
    return function.functionName();
  }

  @Override
  public String getFunctionVersion() {
    return function.functionVersion();
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.invokedFunctionArn();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return identity;
  }

  @Override
  public ClientContext getClientContext() {
    return clientContext;
  }

  /** Deadline minus now, floored at 0 and capped at {@code Integer.MAX_VALUE}. */
  @Override
  public int getRemainingTimeInMillis() {
    long left = invocation.deadlineMs() - clock.millis();
    return left <= 0 ? 0 : (int) Math.min(left, Integer.MAX_VALUE);
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memoryLimitMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getTenantId() {
    return invocation.tenantId();
  }

  @Override
  public String getXrayTraceId() {
    return invocation.traceId();
  }
}
