/**
 * Function lifecycle: deploy (each deploy an immutable revision), get, list, delete, with an
 * in-memory catalog of the latest revisions for the request path.
 */
package dev.nimbus.controlplane.function;
