/**
 * The instance pool: leases idle instances of a function revision to invocations, starts new ones
 * up to the function's concurrency (within the node's capacity and its namespace's instance quota),
 * queues briefly beyond it, and stops idle and retired instances.
 */
package dev.nimbus.sandbox.pool;
