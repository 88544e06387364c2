/**
 * The composition root: reads the configuration, wires store, sandbox, control plane and gateway
 * into one HTTP server, and owns the process's {@code main}.
 */
package dev.nimbus.server;
