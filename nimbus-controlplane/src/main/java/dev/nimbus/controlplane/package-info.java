/**
 * The control plane: the management API ({@code /api/v1}) over functions, their code and logs, and
 * the catalog that resolves a function name to the revision serving it.
 */
package dev.nimbus.controlplane;
