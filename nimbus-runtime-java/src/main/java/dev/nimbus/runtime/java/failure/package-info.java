/**
 * What the runtime reports when a handler cannot be loaded or fails: {@link
 * dev.nimbus.runtime.java.failure.UserFault} for faults in the function's code,
 * {@link dev.nimbus.runtime.java.failure.ErrorReport} to classify any throwable once into the
 * error document, error type header, log text and whether the instance must exit.
 */
package dev.nimbus.runtime.java.failure;
