package dev.nimbus.runtime.java.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A context with only a request id, for calling handlers directly. */
record StubContext(String requestId) implements Context {
  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return null; }
  @Override public String getLogStreamName() { return null; }
  @Override public String getFunctionName() { return null; }
  @Override public String getFunctionVersion() { return null; }
  @Override public String getInvokedFunctionArn() { return null; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 0; }
  @Override public int getMemoryLimitInMB() { return 128; }
  @Override public LambdaLogger getLogger() { return null; }
}
