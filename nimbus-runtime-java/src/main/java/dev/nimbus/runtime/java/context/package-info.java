/**
 * The {@code com.amazonaws.services.lambda.runtime.Context} handed to handlers: per-invocation
 * values from the Runtime API headers, per-function values from the environment, the parsed
 * client context and Cognito identity, and a {@code LambdaLogger} that writes to stdout.
 */
package dev.nimbus.runtime.java.context;
