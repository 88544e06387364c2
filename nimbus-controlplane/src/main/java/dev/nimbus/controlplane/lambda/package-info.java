/**
 * The Lambda management API (lambda-compat.md §5) as a second facade over the function service:
 * Lambda's paths, JSON shapes and error types, mapped onto the same operations as the native API.
 */
package dev.nimbus.controlplane.lambda;
