package dev.nimbus.runtime.java.runtimeapi;

/**
 * One event handed out by {@code GET /runtime/invocation/next}: the request headers the runtime
 * needs and the raw payload bytes. Optional headers the platform did not send are {@code null}.
 *
 * @param requestId          {@code Lambda-Runtime-Aws-Request-Id}, never empty
 * @param deadlineMs         {@code Lambda-Runtime-Deadline-Ms}, Unix epoch millis; 0 if absent
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId            {@code Lambda-Runtime-Trace-Id}
 * @param clientContext      {@code Lambda-Runtime-Client-Context}, decoded JSON
 * @param cognitoIdentity    {@code Lambda-Runtime-Cognito-Identity}, JSON
 * @param tenantId           {@code Lambda-Runtime-Aws-Tenant-Id}
 * @param payload            the event, byte for byte
 */
public record Invocation(
    String requestId,
    long deadlineMs,
    String invokedFunctionArn,
    String traceId,
    String clientContext,
    String cognitoIdentity,
    String tenantId,
    byte[] payload) {

  public Invocation {
    if (requestId == null || requestId.isEmpty()) {
      throw new IllegalArgumentException("requestId must not be empty");
    }
    if (payload == null) {
      throw new IllegalArgumentException("payload must not be null");
    }
  }
}
