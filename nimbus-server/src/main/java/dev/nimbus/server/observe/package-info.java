/**
 * What operators watch: Prometheus metrics, invocation records and their charts, trace export over
 * OTLP, and the server's own log lines as JSON.
 */
package dev.nimbus.server.observe;
