/**
 * Locating what instances need on this machine: the runtime bootstraps shipped as resources, the
 * Java runtime jar, the interpreters.
 */
package dev.nimbus.server.launch;
