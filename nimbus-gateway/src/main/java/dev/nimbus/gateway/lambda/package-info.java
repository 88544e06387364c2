/** The Lambda Invoke API (2015-03-31) with the AWS error shapes the AWS SDKs understand. */
package dev.nimbus.gateway.lambda;
