/**
 * The Lambda Invoke API (2015-03-31): synchronous, {@code Event} (a bounded in-memory queue until
 * events become durable) and {@code DryRun} invocations, with the AWS error shapes the AWS SDKs
 * understand.
 */
package dev.nimbus.gateway.lambda;
