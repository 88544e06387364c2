/**
 * The instance pool: leases idle instances of a function revision to invocations, starts new ones
 * up to the function's concurrency, queues briefly beyond it, and stops idle and retired instances.
 */
package dev.nimbus.sandbox.pool;
