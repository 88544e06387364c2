package dev.nimbus.runtime.java.context;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.nimbus.runtime.java.runtimeapi.Invocation;
import java.time.InstantSource;

/**
 * Builds the {@link Context} of each invocation.
 *
 * <p>Threading: immutable; called by the runtime loop thread.
 */
public final class ContextFactory {
  private final FunctionInfo function;
  private final LambdaLogger logger;
  private final InstantSource clock;

  private ContextFactory(FunctionInfo function, LambdaLogger logger, InstantSource clock) {
    this.function = function;
    this.logger = logger;
    this.clock = clock;
  }

  /** {@code clock} drives {@code getRemainingTimeInMillis()}. */
  public static ContextFactory create(FunctionInfo function, LambdaLogger logger,
      InstantSource clock) {
    return new ContextFactory(function, logger, clock);
  }

  public Context create(Invocation invocation) {
    String identity = invocation.cognitoIdentity();
    String clientContext = invocation.clientContext();
    return new InvocationContext(function, invocation,
        identity == null ? null : CognitoIdentities.parse(identity),
        clientContext == null ? null : ClientContexts.parse(clientContext),
        logger, clock);
  }
}
