/**
 * {@code nimbus namespace list|get|set|delete}: namespaces (tenants) and their limits, for
 * installation admins; the rule for a namespace name, which {@code --namespace} checks too.
 */
package dev.nimbus.cli.namespace;
