/** The native JSON management API under {@code /api/v1}: validation at the boundary, clear errors. */
package dev.nimbus.controlplane.api;
