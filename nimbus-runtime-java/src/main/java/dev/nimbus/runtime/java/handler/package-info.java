/**
 * Finding and calling the function's handler as the AWS Java runtime does: the customer class
 * loader, handler-string parsing, {@code RequestHandler} type resolution, POJO method signature
 * selection, and adapters that turn each handler kind into one {@link
 * dev.nimbus.runtime.java.handler.Handler}.
 */
package dev.nimbus.runtime.java.handler;
