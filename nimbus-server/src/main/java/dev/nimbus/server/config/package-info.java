/**
 * Server configuration: one immutable tree of records with every default in one place, loaded from a
 * YAML file, overridden by {@code NIMBUS_*} environment variables, overridden by flags.
 */
package dev.nimbus.server.config;
