/**
 * Namespaces (tenants): who owns each function, topic, bucket, schedule and secret, what each
 * namespace may use at most, and the namespace a request acts in. The control plane decides and
 * enforces; other modules ask through {@link dev.nimbus.core.tenancy.Tenancy}.
 */
package dev.nimbus.core.tenancy;
