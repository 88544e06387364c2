/**
 * The {@code aws-lambda-java-events} classes (SQS, S3, EventBridge, API Gateway, ...) read and
 * written as the AWS Java runtime does. The classes come from the function's jar, so everything
 * here matches them by name; none of it is loaded unless a handler declares such a class.
 */
package dev.nimbus.runtime.java.json.events;
