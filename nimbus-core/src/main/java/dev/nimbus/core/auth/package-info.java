/**
 * Authentication of requests to the AWS-compatible APIs: the {@link dev.nimbus.core.auth.RequestAuth}
 * hook facades call, and AWS Signature Version 4 verification of requests signed by AWS SDKs (a
 * pure function from a request as received to a {@link dev.nimbus.core.auth.Verdict}, with AWS's
 * error codes and messages for refusals). JDK only.
 */
package dev.nimbus.core.auth;
