/**
 * Trace context carried from a caller into a function: W3C {@code traceparent} at the edge, the
 * X-Ray form ({@code Lambda-Runtime-Trace-Id}, {@code _X_AMZN_TRACE_ID}) for Lambda runtimes.
 */
package dev.nimbus.core.trace;
