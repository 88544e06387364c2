package dev.nimbus.core.tenancy;

/**
 * The namespace a request acts in: its API key's, or, for an installation administrator, the one
 * named in {@code X-Nimbus-Namespace}. The access filter puts it in the request's context; a
 * request without one (authentication is off) sees every namespace.
 */
public record Scope(String namespace) {
    /** The request header an installation administrator names the namespace to act in with. */
    public static final String HEADER = "X-Nimbus-Namespace";
}
