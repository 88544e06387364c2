package dev.nimbus.core.tenancy;

/**
 * That {@code namespace} owns the name {@code name} of {@code kind}. A claim is made when a
 * namespace first creates (or tries to create) the name, and outlives the resource: a name that
 * was used by one namespace never comes to designate another's resource (a subscription, schedule
 * or destination left pointing at it cannot reach another tenant). Claims go with their namespace.
 */
public record Claim(ResourceKind kind, String name, String namespace) {
}
