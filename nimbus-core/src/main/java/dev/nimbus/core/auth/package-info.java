/** Authentication of requests to the AWS-compatible APIs. */
package dev.nimbus.core.auth;
