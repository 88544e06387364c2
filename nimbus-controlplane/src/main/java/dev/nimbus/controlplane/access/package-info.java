/**
 * Who may do what: API keys and their cache, the role → permission table, the permission each
 * request needs, and the filter that applies them in front of every route.
 */
package dev.nimbus.controlplane.access;
