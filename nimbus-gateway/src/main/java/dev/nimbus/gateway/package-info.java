/**
 * The data plane: HTTP routes that invoke functions (the Lambda Invoke API, the native invoke
 * endpoint and the function HTTP routes under {@code /fn}), and the one place where invocation
 * results become HTTP responses.
 */
package dev.nimbus.gateway;
