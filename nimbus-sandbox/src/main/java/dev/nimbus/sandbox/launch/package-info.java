/**
 * Starting instance processes: the command line and environment of each runtime, and the spawner
 * that starts processes so that none outlives the server.
 */
package dev.nimbus.sandbox.launch;
